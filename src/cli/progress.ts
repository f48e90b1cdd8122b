import type { Progress } from '../app/ports.js';

/**
 * A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json), so that output meant
 * for scripts stays clean.
 */
export async function progressBar(
  label: string,
  enabled: boolean,
): Promise<{ tick: Progress; phase: (name: string, total: number) => void; stop: () => void }> {
  if (!enabled || !process.stderr.isTTY) {
    return { tick: () => undefined, phase: () => undefined, stop: () => undefined };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} {phase} [{bar}] {percentage}% | {value}/{total}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    phase: (name, total) => {
      if (started) bar.stop();
      bar.start(total, 0, { phase: name });
      started = true;
    },
    tick: (done, total) => {
      if (!started) {
        bar.start(total, 0, { phase: '' });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
