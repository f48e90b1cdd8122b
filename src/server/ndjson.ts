/**
 * Imports can report their progress as they run: a client that sends `Accept: application/x-ndjson` gets a
 * 200 whose body is one JSON object a line, `{"type":"progress","done":n,"total":m}` (at most ten a second),
 * then one `{"type":"result","result":{…}}` or `{"type":"error","error":{code,message,problems?,warnings?}}`.
 */
import { PassThrough } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeError } from './errors.js';
import type { ErrorResponse } from './schemas.js';

export const NDJSON = 'application/x-ndjson';
const MIN_INTERVAL_MS = 100;

export type ImportEvent<R> =
  | { type: 'progress'; done: number; total: number; step?: string }
  | { type: 'result'; result: R }
  | { type: 'error'; error: ErrorResponse['error'] };

export const ImportEventStreamSchema = Type.String({
  description:
    'Sent when the request accepts `application/x-ndjson`: one JSON object a line, `{"type":"progress","done":n,"total":m}` lines, then `{"type":"result","result":{…}}` or `{"type":"error","error":{"code","message","problems"}}`.',
});

/** Progress that may name the step it is in (an online sync: `download …`, then `import …`). */
export type StepProgress = (done: number, total: number, step?: string) => void;

export function wantsProgressStream(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.split(',').some((part) => part.split(';')[0]?.trim().toLowerCase() === NDJSON);
}

/** Answers 200 at once with an NDJSON stream, runs the import, and ends the stream with its outcome. */
export function streamImport<T, R>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (progress: StepProgress) => Promise<T>,
  present: (result: T) => R,
): FastifyReply {
  const stream = new PassThrough();
  const write = (event: ImportEvent<R>) => {
    if (!stream.destroyed && !stream.writableEnded) stream.write(`${JSON.stringify(event)}\n`);
  };
  let last = Number.NEGATIVE_INFINITY;
  let lastStep: string | undefined;
  const progress: StepProgress = (done, total, step) => {
    const now = Date.now();
    // A new step is always reported; within a step, at most ten lines a second.
    if (now - last < MIN_INTERVAL_MS && done < total && step === lastStep) return;
    last = now;
    lastStep = step;
    write({ type: 'progress', done, total, ...(step ? { step } : {}) });
  };
  void run(progress)
    .then(
      (result) => write({ type: 'result', result: present(result) }),
      (error: unknown) => {
        const { status, body, unexpected } = describeError(error);
        if (unexpected) request.log.error({ err: error }, 'Unexpected error during a streamed import');
        else request.log.info({ code: body.error.code, status }, 'Streamed import refused');
        write({ type: 'error', error: body.error });
      },
    )
    .finally(() => stream.end());
  return reply.status(200).type(`${NDJSON}; charset=utf-8`).header('cache-control', 'no-store').send(stream);
}
