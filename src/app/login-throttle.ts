/**
 * Slows password guessing down. Per username (known or not, so that a lock-out tells nothing about whether
 * an account exists): after 5 failures in a row, no attempt is checked for 15 minutes. Per client address:
 * at most 30 attempts in 5 minutes. Kept in memory: a restart forgives, which a single self-hosted server
 * can afford; the audit log keeps every failure anyway.
 */

export interface ThrottleLimits {
  failuresBeforeLock: number;
  lockMs: number;
  attemptsPerAddress: number;
  addressWindowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  failuresBeforeLock: 5,
  lockMs: 15 * 60 * 1000,
  attemptsPerAddress: 30,
  addressWindowMs: 5 * 60 * 1000,
};

// Enough for any real hospital; beyond it the oldest entries go, so that a flood of names cannot fill memory.
const MAX_ENTRIES = 100_000;

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly limits: ThrottleLimits = DEFAULT_THROTTLE) {}

  /** Milliseconds to wait before this attempt may be checked, or 0. Counts the attempt against the address. */
  admit(username: string, address: string, now = Date.now()): number {
    const key = username.trim().toLowerCase();
    const locked = this.failures.get(key)?.lockedUntil ?? 0;
    if (locked > now) return locked - now;
    const recent = (this.attempts.get(address) ?? []).filter((t) => t > now - this.limits.addressWindowMs);
    if (recent.length >= this.limits.attemptsPerAddress) {
      this.attempts.set(address, recent);
      return recent[0]! + this.limits.addressWindowMs - now;
    }
    recent.push(now);
    remember(this.attempts, address, recent);
    return 0;
  }

  /** A wrong password; true when it locks the username. */
  failed(username: string, now = Date.now()): boolean {
    const key = username.trim().toLowerCase();
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count++;
    const locks = entry.count >= this.limits.failuresBeforeLock;
    if (locks) {
      entry.lockedUntil = now + this.limits.lockMs;
      entry.count = 0;
    }
    remember(this.failures, key, entry);
    return locks;
  }

  succeeded(username: string): void {
    this.failures.delete(username.trim().toLowerCase());
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}
