/**
 * Every change made through the API is written to the audit log by the route that makes it, after it is
 * made: who (the principal, or the name someone tried to sign in with), when, what, and the values before
 * and after.
 */
import type { FastifyRequest } from 'fastify';
import { ImportRefusedError } from '../app/errors.js';
import type { AuditEntry, Progress, VigilStore } from '../app/ports.js';

export type Change = Omit<AuditEntry, 'at' | 'actor' | 'ip' | 'outcome'> & {
  outcome?: AuditEntry['outcome'];
  /** For requests without a principal (a failed sign-in): the name given. */
  actorName?: string;
};

export async function recordChange(
  store: VigilStore,
  request: FastifyRequest,
  change: Change,
): Promise<void> {
  const { actorName, outcome = 'success', ...rest } = change;
  const principal = request.principal;
  await store.appendAudit({
    ...rest,
    at: new Date().toISOString(),
    actor: principal
      ? { kind: principal.kind, id: principal.userId, name: principal.username, tokenId: principal.tokenId }
      : { kind: 'anonymous', name: actorName ?? 'anonymous' },
    ip: request.ip,
    outcome,
  });
}

/**
 * An import that records itself: what it changed (`change` answers undefined when it changed nothing), or,
 * when it was refused, the refusal as a failure.
 */
export function auditedImport<T>(
  store: VigilStore,
  request: FastifyRequest,
  action: string,
  fileName: string | undefined,
  run: (progress?: Progress) => Promise<T>,
  change: (result: T) => Omit<Change, 'action'> | undefined,
): (progress?: Progress) => Promise<T> {
  return async (progress) => {
    try {
      const result = await run(progress);
      const changed = change(result);
      if (changed) await recordChange(store, request, { action, ...changed });
      return result;
    } catch (error) {
      if (error instanceof ImportRefusedError)
        await recordChange(store, request, {
          action,
          outcome: 'failure',
          after: { fileName, problems: error.errors.length },
        });
      throw error;
    }
  };
}
