import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type ImportSbomRequest, importSbom } from '../../../app/import-sbom.js';
import { matchFindings } from '../../../app/match-findings.js';
import type { ComponentView } from '../../../app/ports.js';
import { diffOfSboms, graphOfSbom, MAX_GRAPH_NODES } from '../../../app/sbom-analysis.js';
import { supplierScope } from '../../../core/policy.js';
import { auditedImport } from '../../audit.js';
import { assertSupplierVisible, forbidden, principalOf } from '../../auth.js';
import { HttpError } from '../../errors.js';
import { ImportEventStreamSchema, NDJSON, streamImport, wantsProgressStream } from '../../ndjson.js';
import { acceptRawBodies, SBOM_MEDIA_TYPES } from '../../raw-body.js';
import { DEFAULT_LIMIT, IdParams, NoQuery, Page, responses } from '../../schemas.js';
import type { ApiRoutes } from '../types.js';
import {
  contentDisposition,
  presentComponent,
  presentImportSbomResult,
  presentSbom,
  sbomMediaType,
} from './presenter.js';
import {
  ComponentListQuery,
  ComponentSchema,
  ImportSbomQuery,
  ImportSbomResultSchema,
  RawDocumentSchema,
  SbomDiffQuery,
  SbomDiffSchema,
  SbomGraphSchema,
  SbomSchema,
} from './schema.js';

/** The stored document, sent as bytes. */
const DocumentBytes = Type.Unsafe<Buffer>(Type.String());

const DOCUMENT_MEDIA_TYPES = [
  'application/vnd.cyclonedx+json',
  'application/vnd.cyclonedx+xml',
  'application/spdx+json',
  'text/spdx',
];

export const sbomRoutes: ApiRoutes = async (app, { store, maxImportBytes }) => {
  /** The SBOM, when it exists and the principal may see its supplier's data. */
  const visibleSbom = async (request: FastifyRequest, id: number) => {
    const sbom = await store.getSbom(id);
    const pv = sbom && (await store.getProductVersion(sbom.productVersionId));
    if (!sbom || !pv) throw HttpError.notFound('The SBOM');
    assertSupplierVisible(request, pv.supplierId, 'The SBOM');
    return sbom;
  };

  app.get(
    '/sboms/:id',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['sboms'],
        summary: 'What is known about one SBOM (not its content)',
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: SbomSchema }),
      },
    },
    async (request) => presentSbom(await visibleSbom(request, request.params.id)),
  );

  app.get(
    '/sboms/:id/content',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['sboms'],
        summary: 'The SBOM document exactly as it was received',
        params: IdParams,
        querystring: NoQuery,
        response: responses({
          200: {
            description: 'The document, with the media type of its format and encoding.',
            content: Object.fromEntries(
              DOCUMENT_MEDIA_TYPES.map((type) => [type, { schema: DocumentBytes }]),
            ),
          },
        }),
      },
    },
    async (request, reply) => {
      const sbom = await visibleSbom(request, request.params.id);
      const content = await store.getSbomContent(sbom.id);
      if (content === undefined) throw HttpError.notFound('The SBOM');
      // A Buffer goes out as it is; a string with a JSON media type would be serialised as a JSON string.
      return reply
        .type(sbomMediaType(sbom))
        .header('content-disposition', contentDisposition(sbom))
        .send(Buffer.from(content, 'utf8'));
    },
  );

  app.get(
    '/sboms/:id/components',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['sboms', 'components'],
        summary: 'The components an SBOM lists, by name',
        params: IdParams,
        querystring: ComponentListQuery,
        response: responses({ 200: Page(ComponentSchema) }),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, sort, order, q } = request.query;
      await visibleSbom(request, request.params.id);
      const page = await store.listComponents(request.params.id, { limit, cursor, sort, order, q });
      return { items: page.items.map(presentComponent), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/sboms/:id/graph',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['sboms'],
        summary: `The SBOM's dependency graph and nesting, for display (at most ${MAX_GRAPH_NODES} nodes, nearest the roots)`,
        params: IdParams,
        querystring: NoQuery,
        response: responses({ 200: SbomGraphSchema }),
      },
    },
    async (request) => {
      await visibleSbom(request, request.params.id);
      return graphOfSbom(store, request.params.id);
    },
  );

  app.get(
    '/sboms/diff',
    {
      config: { access: 'catalogue:read' },
      schema: {
        tags: ['sboms'],
        summary: 'What changed between two SBOMs: components added, removed, and in another version',
        querystring: SbomDiffQuery,
        response: responses({ 200: SbomDiffSchema }),
      },
    },
    async (request) => {
      const from = await visibleSbom(request, request.query.from);
      const to = await visibleSbom(request, request.query.to);
      const diff = await diffOfSboms(store, from.id, to.id);
      return {
        from: presentSbom(from),
        to: presentSbom(to),
        added: diff.added.map(presentDiffComponent),
        removed: diff.removed.map(presentDiffComponent),
        changed: diff.changed,
        unchanged: diff.unchanged,
      };
    },
  );

  // Uploads read their body as raw bytes: a context of their own, with parsers for the document media types.
  await app.register(async (scope) => {
    const upload = scope.withTypeProvider<TypeBoxTypeProvider>();
    acceptRawBodies(upload, SBOM_MEDIA_TYPES, maxImportBytes);
    upload.post(
      '/sboms',
      {
        config: { access: 'sboms:write' },
        bodyLimit: maxImportBytes,
        schema: {
          tags: ['sboms'],
          summary: 'Import an SBOM as the current SBOM of the product version it describes',
          description:
            'The format is recognised from the content. 201 when stored; 200 with `status: "unchanged"` when the same document is already current. ' +
            'Send `Accept: application/x-ndjson` to follow the progress of a large import.',
          querystring: ImportSbomQuery,
          body: {
            content: Object.fromEntries(
              SBOM_MEDIA_TYPES.map((type) => [type, { schema: RawDocumentSchema }]),
            ),
          },
          response: responses(
            {
              201: ImportSbomResultSchema,
              200: {
                description: 'Unchanged (JSON), or the progress stream (NDJSON) when asked for.',
                content: {
                  'application/json': { schema: ImportSbomResultSchema },
                  [NDJSON]: { schema: ImportEventStreamSchema },
                },
              },
            },
            [400, 413, 415, 422, 500],
          ),
        },
      },
      async (request, reply) => {
        const content = rawBody(request.body);
        const { supplier, product, productVersion, fileName, strict } = request.query;
        const importRequest: ImportSbomRequest = {
          content,
          fileName,
          // A supplier files SBOMs under its own name, whatever the document or the query says.
          supplier: (await confinedSupplierName(request)) ?? supplier,
          product,
          productVersion,
          strict,
          maxBytes: maxImportBytes,
        };
        const run = auditedImport(
          store,
          request,
          'sbom.import',
          fileName,
          async (progress) => {
            const result = await importSbom(store, importRequest, progress);
            // Its findings are there when the answer is: the new SBOM is matched before replying.
            if (result.status === 'imported' && result.productVersionId !== undefined)
              await matchFindings(store, { kind: 'product-versions', ids: [result.productVersionId] });
            return result;
          },
          (result) =>
            result.status === 'unchanged'
              ? undefined
              : {
                  target: {
                    type: 'sbom',
                    id: String(result.sbomId),
                    label: `${result.target.supplier} ${result.target.product} ${result.target.version}`,
                  },
                  before:
                    result.replacedSbomId === undefined
                      ? undefined
                      : { currentSbomId: result.replacedSbomId },
                  after: { currentSbomId: result.sbomId, fileName, componentCount: result.componentCount },
                },
        );

        if (wantsProgressStream(request)) return streamImport(request, reply, run, presentImportSbomResult);
        const result = await run();
        if (result.status === 'unchanged') return reply.status(200).send(presentImportSbomResult(result));
        return reply
          .status(201)
          .header('location', `/api/v1/sboms/${result.sbomId}`)
          .send(presentImportSbomResult(result));
      },
    );
  });

  /** The name of the supplier a supplier principal is confined to; undefined for everyone else. */
  async function confinedSupplierName(request: FastifyRequest): Promise<string | undefined> {
    const scope = supplierScope(principalOf(request));
    if (scope === undefined) return undefined;
    const supplier = await store.getSupplier(scope);
    if (!supplier) throw forbidden('Your account is not linked to a known supplier.');
    return supplier.name;
  }
};

function presentDiffComponent(c: ComponentView) {
  return { name: c.name, group: c.group, version: c.version, purl: c.purl, type: c.type };
}

function rawBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new HttpError(400, 'validation_failed', 'Send the document as the request body.', [
    { in: 'body', path: '$', message: 'is required' },
  ]);
}
