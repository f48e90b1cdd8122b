/** Timing helpers: medians over repeated runs, because one run on a noisy 2-core machine says little. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timeRuns(
  runs: number,
  work: (run: number) => Promise<unknown> | unknown,
  setup?: (run: number) => Promise<void> | void,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await setup?.(i);
    const start = process.hrtime.bigint();
    await work(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
export const perSecond = (count: number, milliseconds: number) =>
  `${Math.round((count / milliseconds) * 1000).toLocaleString('en')}/s`;
