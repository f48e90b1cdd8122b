/**
 * The daily hygiene assessment of `vigil serve`: support ends and signatures age with nothing imported, so
 * the server assesses every device again once a day (checked hourly, so a server started late in the day
 * or asleep overnight catches up), one assessment at a time.
 */
import { assessHygiene } from '../app/assess-hygiene.js';
import type { HygieneStore } from '../app/hygiene-ports.js';
import type { KnowledgeStore } from '../app/knowledge-ports.js';

const CHECK_EVERY_MS = 60 * 60 * 1000;

export interface HygieneScheduler {
  stop(): Promise<void>;
}

export function startHygieneScheduler(options: {
  store: HygieneStore & Pick<KnowledgeStore, 'listEolProducts'>;
  log: (level: string, message: string, meta: Record<string, unknown>) => void;
  now?: () => Date;
}): HygieneScheduler {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  const check = () => {
    if (running) return;
    running = (async () => {
      const summary = await options.store.hygieneSummary(now().toISOString().slice(0, 10));
      if (summary.assessedAt?.slice(0, 10) === now().toISOString().slice(0, 10)) return;
      const run = await assessHygiene(options.store, now());
      options.log('info', 'hygiene assessed', { devices: run.devices, unsupported: run.os.unsupported ?? 0 });
    })()
      .catch((error: unknown) =>
        options.log('error', 'hygiene assessment failed', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  // The schedule alone does not keep the process alive.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
