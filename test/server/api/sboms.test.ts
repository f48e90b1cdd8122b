import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import {
  CYCLONEDX_JSON,
  errorOf,
  fixture,
  MONITOR_SBOM,
  ndjson,
  PUMP_SBOM,
  sbomFor,
  serverFor,
  walk,
} from '../support.js';

interface ImportResult {
  status: 'imported' | 'unchanged';
  target: { supplier: string; product: string; version: string };
  componentCount: number;
  sbomId?: number;
  productVersionId?: number;
  warnings: { code: string }[];
}

describeEachDialect('/api/v1/sboms', (dialect) => {
  const server = serverFor(dialect);

  async function pumpSbomId(): Promise<number> {
    const { items } = await walk<{ product: string; currentSbomId: number }>(
      server.app,
      '/api/v1/product-versions',
    );
    return items.find((pv) => pv.product === 'Infusia LVP')!.currentSbomId;
  }

  it('imports an SBOM with 201, and answers 200 unchanged for the same document again', async () => {
    const body = sbomFor('Uploader One');
    const first = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms?fileName=one.cdx.json',
      headers: CYCLONEDX_JSON,
      payload: body,
    });
    expect(first.statusCode).toBe(201);
    const created = first.json<ImportResult>();
    expect(created).toMatchObject({
      status: 'imported',
      target: { supplier: 'Testing Ltd', product: 'Uploader One', version: '1.0' },
      componentCount: 1,
    });
    expect(first.headers.location).toBe(`/api/v1/sboms/${created.sbomId}`);

    const again = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: CYCLONEDX_JSON,
      payload: body,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json<ImportResult>()).toMatchObject({ status: 'unchanged' });
    expect(again.json<ImportResult>().sbomId).toBeUndefined();
  });

  it('reads a JSON document sent as application/json as raw bytes, not as parsed JSON', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: { 'content-type': 'application/json' },
      payload: sbomFor('Plain JSON'),
    });
    expect(res.statusCode).toBe(201);
  });

  it('lets the query name the product the document describes', async () => {
    const url = '/api/v1/sboms?supplier=Override%20Inc&product=Overridden&productVersion=9.9';
    const res = await server.app.inject({
      method: 'POST',
      url,
      headers: CYCLONEDX_JSON,
      payload: sbomFor('Named in the document'),
    });
    expect(res.json<ImportResult>().target).toEqual({
      supplier: 'Override Inc',
      product: 'Overridden',
      version: '9.9',
    });
  });

  it('refuses malformed JSON with 422 and a json_syntax problem on its line', async () => {
    const broken =
      '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": [\n    { "name": "zlib", }\n  ]\n}';
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms?fileName=broken.cdx.json',
      headers: CYCLONEDX_JSON,
      payload: broken,
    });
    expect(res.statusCode).toBe(422);
    const error = errorOf(res);
    expect(error.code).toBe('import_refused');
    expect(error.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'json_syntax', line: 5 }),
    ]);
    expect(error.warnings).toEqual([]);
  });

  it('refuses, in strict mode, a document with warnings', async () => {
    const components = '[{"type":"library","name":"no-identifier","version":"1"}]';
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms?strict=true',
      headers: CYCLONEDX_JSON,
      payload: sbomFor('Strict', components),
    });
    expect(res.statusCode).toBe(422);
    expect(errorOf(res).problems?.map((p) => p.code)).toEqual(['missing_identifier']);
  });

  it('refuses a body larger than the import limit with 413 too_large', async () => {
    const small = await server.build({ maxImportBytes: 1024 });
    const res = await small.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: CYCLONEDX_JSON,
      payload: sbomFor(
        'Big',
        JSON.stringify(
          Array.from({ length: 50 }, (_, i) => ({ type: 'library', name: `lib${i}`, version: '1' })),
        ),
      ),
    });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('too_large');
  });

  it('refuses a media type it does not read with 415', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: { 'content-type': 'image/png' },
      payload: 'x',
    });
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).code).toBe('unsupported_media_type');
  });

  it('refuses unknown query parameters before reading the document', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms?vendor=x',
      headers: CYCLONEDX_JSON,
      payload: sbomFor('Unknown parameter'),
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details).toEqual([
      { in: 'querystring', path: '$.vendor', message: 'is not a known parameter' },
    ]);
  });

  it('streams progress as NDJSON when asked, ending with the result', async () => {
    const components = JSON.stringify(
      Array.from({ length: 300 }, (_, i) => ({
        type: 'library',
        name: `lib${i}`,
        version: '1',
        purl: `pkg:npm/lib${i}@1`,
      })),
    );
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: { ...CYCLONEDX_JSON, accept: 'application/x-ndjson' },
      payload: sbomFor('Streamed', components),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const events = ndjson<{ type: string; done?: number; total?: number; result?: ImportResult }>(res);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ type: 'result', result: { status: 'imported', componentCount: 300 } });
    const progress = events.slice(0, -1);
    expect(progress.length).toBeGreaterThan(0);
    for (const event of progress)
      expect(event).toEqual({ type: 'progress', done: expect.any(Number), total: 300 });
  });

  it('ends the NDJSON stream with an error line when the document is refused', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: { ...CYCLONEDX_JSON, accept: 'application/x-ndjson' },
      payload: '{"bomFormat":',
    });
    expect(res.statusCode).toBe(200);
    expect(ndjson(res).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'import_refused', problems: [{ code: 'json_syntax' }] },
    });
  });

  it('describes one SBOM without its content', async () => {
    const id = await pumpSbomId();
    const res = await server.app.inject({ url: `/api/v1/sboms/${id}` });
    expect(res.statusCode).toBe(200);
    const sbom = res.json<Record<string, unknown>>();
    expect(sbom).toMatchObject({
      id,
      format: 'cyclonedx',
      specVersion: '1.6',
      encoding: 'json',
      fileName: PUMP_SBOM,
      current: true,
      componentCount: 4,
      byteSize: fixture(PUMP_SBOM).length,
    });
    expect(sbom.content).toBeUndefined();
    expect(sbom.supersededAt).toBeUndefined();
  });

  it('returns the document exactly as received, with the media type of its format', async () => {
    const id = await pumpSbomId();
    const res = await server.app.inject({ url: `/api/v1/sboms/${id}/content` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.cyclonedx\+json/);
    expect(res.headers['content-disposition']).toContain(`filename="${PUMP_SBOM}"`);
    expect(res.rawPayload.equals(fixture(PUMP_SBOM))).toBe(true);
  });

  it('pages through an SBOM’s components by name, each once, and finds them by name', async () => {
    const id = await pumpSbomId();
    const { items, pages } = await walk<{ name: string; dependsOn: string[] }>(
      server.app,
      `/api/v1/sboms/${id}/components?limit=3`,
    );
    expect(pages).toBe(2);
    expect(items.map((c) => c.name)).toEqual(['Embedded Linux', 'log4j-core', 'openssl', 'zlib']);
    expect(items.find((c) => c.name === 'log4j-core')?.dependsOn).toEqual(['pkg:generic/zlib@1.2.11']);
    const found = await server.app.inject({ url: `/api/v1/sboms/${id}/components?q=ssl` });
    expect(found.json<{ items: { name: string; hashes: unknown[] }[] }>().items).toMatchObject([
      { name: 'openssl', hashes: [{ alg: 'SHA-256' }] },
    ]);
  });

  it('answers 404 for an SBOM that does not exist', async () => {
    for (const url of [
      '/api/v1/sboms/999999',
      '/api/v1/sboms/999999/content',
      '/api/v1/sboms/999999/components',
    ]) {
      const res = await server.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(errorOf(res).code).toBe('not_found');
    }
  });

  it('keeps the monitor SBOM untouched by the other imports', async () => {
    const { items } = await walk<{ product: string; currentSbomId: number }>(
      server.app,
      '/api/v1/product-versions',
    );
    const id = items.find((pv) => pv.product === 'Vitalis M5')!.currentSbomId;
    const res = await server.app.inject({ url: `/api/v1/sboms/${id}/content` });
    expect(res.body).toBe(fixture(MONITOR_SBOM).toString());
  });

  it('answers the dependency graph of an SBOM, with nesting and dependencies as edges', async () => {
    const id = await pumpSbomId();
    const res = await server.app.inject({ url: `/api/v1/sboms/${id}/graph` });
    expect(res.statusCode).toBe(200);
    const graph = res.json<{
      nodes: { ref: string }[];
      edges: { from: string; to: string; kind: string }[];
      truncated: boolean;
    }>();
    const components = await walk<{ ref: string; dependsOn: string[] }>(
      server.app,
      `/api/v1/sboms/${id}/components`,
    );
    expect(graph.nodes.map((n) => n.ref).sort()).toEqual(components.items.map((c) => c.ref).sort());
    const depends = components.items.flatMap((c) => c.dependsOn.map((to) => `${c.ref}>${to}`));
    expect(
      graph.edges
        .filter((e) => e.kind === 'depends')
        .map((e) => `${e.from}>${e.to}`)
        .sort(),
    ).toEqual(depends.filter((d) => graph.nodes.some((n) => n.ref === d.split('>')[1])).sort());
    expect(graph.truncated).toBe(false);
  });

  it('diffs two SBOMs of a product: added, removed, changed and unchanged components', async () => {
    const lib = (name: string, version: string) =>
      `{"type":"library","name":"${name}","version":"${version}","purl":"pkg:generic/${name}@${version}"}`;
    const first = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: CYCLONEDX_JSON,
      payload: sbomFor(
        'Differ',
        `[${lib('zlib', '1.2.11')},${lib('openssl', '1.1.1k')},${lib('busybox', '1.31.1')}]`,
      ),
    });
    const second = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sboms',
      headers: CYCLONEDX_JSON,
      payload: sbomFor(
        'Differ',
        `[${lib('zlib', '1.3.1')},${lib('openssl', '1.1.1k')},${lib('curl', '8.5.0')}]`,
      ),
    });
    const from = first.json<ImportResult>().sbomId!;
    const to = second.json<ImportResult>().sbomId!;
    expect(second.json<ImportResult>()).toMatchObject({ replacedSbomId: from });
    const res = await server.app.inject({ url: `/api/v1/sboms/diff?from=${from}&to=${to}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      from: { id: from, current: false },
      to: { id: to, current: true },
      added: [{ name: 'curl', version: '8.5.0' }],
      removed: [{ name: 'busybox', version: '1.31.1' }],
      changed: [{ name: 'zlib', fromVersion: '1.2.11', toVersion: '1.3.1' }],
      unchanged: 1,
    });
    expect((await server.app.inject({ url: `/api/v1/sboms/diff?from=${from}&to=999999` })).statusCode).toBe(
      404,
    );
    expect((await server.app.inject({ url: `/api/v1/sboms/diff?from=${from}` })).statusCode).toBe(400);
  });
});
