/**
 * A rate limit as NVD states its own: at most `requests` requests in any rolling window of `windowMs`. A
 * request waits until the oldest of the last `requests` has left the window, plus a margin, since the
 * server counts arrivals and ours leave a little before they arrive.
 */
export class RollingWindow {
  private readonly starts: number[] = [];
  private readonly spanMs: number;

  constructor(
    private readonly requests: number,
    windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(requests) || requests < 1) throw new RangeError('requests must be at least 1');
    this.spanMs = windowMs + Math.ceil(windowMs / 30);
  }

  /** Waits for a place in the window, then takes it. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.starts.length > 0 && now - this.starts[0]! >= this.spanMs) this.starts.shift();
      if (this.starts.length < this.requests) {
        this.starts.push(now);
        return;
      }
      await sleep(this.starts[0]! + this.spanMs - now, signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      signal?.removeEventListener('abort', cancel);
      resolve();
    }
    function cancel() {
      clearTimeout(timer);
      reject(new Error('aborted'));
    }
    signal?.addEventListener('abort', cancel, { once: true });
  });
}
