import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/app/ports.js';
import { streamImport } from '../../src/server/ndjson.js';
import { ndjson } from './support.js';

/** A server with one route that streams whatever `run` does. */
async function streaming(run: (progress: Progress) => Promise<unknown>) {
  const app = Fastify();
  app.post('/import', async (request, reply) =>
    streamImport(request, reply, run, (result) => ({ presented: result })),
  );
  const res = await app.inject({
    method: 'POST',
    url: '/import',
    headers: { accept: 'application/x-ndjson' },
  });
  await app.close();
  return res;
}

describe('an NDJSON import stream', () => {
  it('sends at most a few progress lines for a burst of progress, and always the last one', async () => {
    const res = await streaming(async (progress) => {
      for (let done = 0; done <= 10_000; done++) progress(done, 10_000);
      return 'ok';
    });
    const events = ndjson(res);
    expect(events.length).toBeLessThan(5);
    expect(events.at(-2)).toEqual({ type: 'progress', done: 10_000, total: 10_000 });
    expect(events.at(-1)).toEqual({ type: 'result', result: { presented: 'ok' } });
  });

  it('spaces progress lines at least 100 ms apart while the import runs', async () => {
    const res = await streaming(async (progress) => {
      const started = Date.now();
      let done = 0;
      while (Date.now() - started < 350) {
        progress(++done, 1_000_000);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return 'ok';
    });
    const progressLines = ndjson(res).filter((e) => e.type === 'progress');
    expect(progressLines.length).toBeGreaterThanOrEqual(2);
    expect(progressLines.length).toBeLessThanOrEqual(5);
  });

  it('ends with a generic error line when the import fails unexpectedly, never its message', async () => {
    const res = await streaming(async () => {
      throw new Error('disk full at /var/lib/vigil/secret');
    });
    expect(res.statusCode).toBe(200);
    expect(ndjson(res)).toEqual([
      { type: 'error', error: { code: 'internal_error', message: expect.any(String) } },
    ]);
    expect(res.body).not.toContain('secret');
  });
});
