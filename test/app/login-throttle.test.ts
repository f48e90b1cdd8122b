import { describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, LoginThrottle } from '../../src/app/login-throttle.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

function failTimes(throttle: LoginThrottle, username: string, times: number, now = T0): boolean[] {
  return Array.from({ length: times }, () => throttle.failed(username, now));
}

describe('the default limits', () => {
  it('lock a username for 15 minutes after 5 failures and allow 30 attempts per address in 5 minutes', () => {
    expect(DEFAULT_THROTTLE).toEqual({
      failuresBeforeLock: 5,
      lockMs: 15 * MINUTE,
      attemptsPerAddress: 30,
      addressWindowMs: 5 * MINUTE,
    });
  });
});

describe('locking a username', () => {
  it('admits a first attempt without waiting', () => {
    expect(new LoginThrottle().admit('alice', '10.0.0.1', T0)).toBe(0);
  });

  it('does not lock after 4 failures', () => {
    const throttle = new LoginThrottle();
    expect(failTimes(throttle, 'alice', 4)).toEqual([false, false, false, false]);
    expect(throttle.admit('alice', '10.0.0.1', T0)).toBe(0);
  });

  it('locks on the 5th failure in a row, and says so', () => {
    const throttle = new LoginThrottle();
    expect(failTimes(throttle, 'alice', 5)).toEqual([false, false, false, false, true]);
    expect(throttle.admit('alice', '10.0.0.1', T0)).toBe(15 * MINUTE);
  });

  it('answers the time left to wait as the lock runs down', () => {
    const throttle = new LoginThrottle();
    failTimes(throttle, 'alice', 5);
    expect(throttle.admit('alice', '10.0.0.1', T0 + MINUTE)).toBe(14 * MINUTE);
    expect(throttle.admit('alice', '10.0.0.1', T0 + 15 * MINUTE - 1)).toBe(1);
  });

  it('lifts the lock once its 15 minutes are over', () => {
    const throttle = new LoginThrottle();
    failTimes(throttle, 'alice', 5);
    expect(throttle.admit('alice', '10.0.0.1', T0 + 15 * MINUTE)).toBe(0);
  });

  it('starts counting afresh after a lock: another 5 failures lock again', () => {
    const throttle = new LoginThrottle();
    failTimes(throttle, 'alice', 5);
    const later = T0 + 20 * MINUTE;
    expect(failTimes(throttle, 'alice', 4, later)).toEqual([false, false, false, false]);
    expect(throttle.admit('alice', '10.0.0.1', later)).toBe(0);
    expect(throttle.failed('alice', later)).toBe(true);
    expect(throttle.admit('alice', '10.0.0.1', later)).toBe(15 * MINUTE);
  });

  it('locks the username from any address', () => {
    const throttle = new LoginThrottle();
    failTimes(throttle, 'alice', 5);
    expect(throttle.admit('alice', '192.168.1.20', T0)).toBe(15 * MINUTE);
    expect(throttle.admit('alice', '2001:db8::1', T0)).toBe(15 * MINUTE);
  });

  it('leaves other usernames alone', () => {
    const throttle = new LoginThrottle();
    failTimes(throttle, 'alice', 5);
    expect(throttle.admit('bob', '10.0.0.1', T0)).toBe(0);
  });

  it.each([
    ['Alice', 'alice'],
    ['ALICE', 'alice'],
    ['  alice ', 'alice'],
    ['alice', '\tAlIcE\n'],
  ])('takes %j and %j for one username', (failing, admitted) => {
    const throttle = new LoginThrottle();
    failTimes(throttle, failing, 5);
    expect(throttle.admit(admitted, '10.0.0.1', T0)).toBe(15 * MINUTE);
  });

  it('counts failures under different spellings of one username together', () => {
    const throttle = new LoginThrottle();
    const results = ['alice', 'Alice', ' ALICE', 'alice ', 'aLiCe'].map((name) => throttle.failed(name, T0));
    expect(results).toEqual([false, false, false, false, true]);
  });

  it('locks any username the same way, whether or not such an account exists', () => {
    const throttle = new LoginThrottle();
    expect(failTimes(throttle, 'no-such-user-8f3a', 5).at(-1)).toBe(true);
    expect(throttle.admit('no-such-user-8f3a', '10.0.0.1', T0)).toBe(15 * MINUTE);
  });

  it('forgets the failures on a success', () => {
    const throttle = new LoginThrottle();
    failTimes(throttle, 'alice', 4);
    throttle.succeeded('alice');
    expect(failTimes(throttle, 'alice', 4)).toEqual([false, false, false, false]);
    expect(throttle.admit('alice', '10.0.0.1', T0)).toBe(0);
  });

  it('forgets the failures on a success under another spelling of the username', () => {
    const throttle = new LoginThrottle();
    failTimes(throttle, 'alice', 4);
    throttle.succeeded(' ALICE ');
    expect(throttle.failed('alice', T0)).toBe(false);
  });

  it('counts failures spread over time, as long as they come in a row', () => {
    const throttle = new LoginThrottle();
    const results = [0, 1, 2, 3, 4].map((hour) => throttle.failed('alice', T0 + hour * 60 * MINUTE));
    expect(results).toEqual([false, false, false, false, true]);
    expect(throttle.admit('alice', '10.0.0.1', T0 + 4 * 60 * MINUTE)).toBe(15 * MINUTE);
  });

  it('follows limits given to it', () => {
    const throttle = new LoginThrottle({
      failuresBeforeLock: 2,
      lockMs: 10 * SECOND,
      attemptsPerAddress: 100,
      addressWindowMs: MINUTE,
    });
    expect(failTimes(throttle, 'alice', 2)).toEqual([false, true]);
    expect(throttle.admit('alice', '10.0.0.1', T0 + 4 * SECOND)).toBe(6 * SECOND);
    expect(throttle.admit('alice', '10.0.0.1', T0 + 10 * SECOND)).toBe(0);
  });
});

describe('limiting attempts from one address', () => {
  function exhaust(throttle: LoginThrottle, address: string, start = T0, step = SECOND): number[] {
    return Array.from({ length: 30 }, (_, i) => throttle.admit(`user${i}`, address, start + i * step));
  }

  it('admits 30 attempts in 5 minutes, whatever the usernames', () => {
    expect(exhaust(new LoginThrottle(), '10.0.0.1').every((wait) => wait === 0)).toBe(true);
  });

  it('refuses the 31st until the oldest attempt leaves the 5-minute window', () => {
    const throttle = new LoginThrottle();
    exhaust(throttle, '10.0.0.1');
    const now = T0 + 30 * SECOND;
    expect(throttle.admit('someone', '10.0.0.1', now)).toBe(5 * MINUTE - 30 * SECOND);
  });

  it('admits again once the oldest attempt is 5 minutes old', () => {
    const throttle = new LoginThrottle();
    exhaust(throttle, '10.0.0.1');
    expect(throttle.admit('someone', '10.0.0.1', T0 + 5 * MINUTE - 1)).toBe(1);
    expect(throttle.admit('someone', '10.0.0.1', T0 + 5 * MINUTE)).toBe(0);
    // That attempt took the freed place: the window is full again until the second oldest goes.
    expect(throttle.admit('someone', '10.0.0.1', T0 + 5 * MINUTE)).toBe(SECOND);
  });

  it('does not count refused attempts, so hammering does not prolong the wait', () => {
    const throttle = new LoginThrottle();
    exhaust(throttle, '10.0.0.1', T0, 0);
    for (let i = 1; i <= 100; i++) throttle.admit('someone', '10.0.0.1', T0 + i * SECOND);
    expect(throttle.admit('someone', '10.0.0.1', T0 + 5 * MINUTE)).toBe(0);
  });

  it('keeps each address to its own count', () => {
    const throttle = new LoginThrottle();
    exhaust(throttle, '10.0.0.1', T0, 0);
    expect(throttle.admit('someone', '10.0.0.1', T0)).toBeGreaterThan(0);
    expect(throttle.admit('someone', '10.0.0.2', T0)).toBe(0);
  });

  it('counts attempts on one username against the address too', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 30; i++) expect(throttle.admit('alice', '10.0.0.1', T0 + i)).toBe(0);
    expect(throttle.admit('alice', '10.0.0.1', T0 + 30)).toBe(5 * MINUTE - 30);
  });

  it('answers the username lock first when both the username and the address are held back', () => {
    const throttle = new LoginThrottle();
    failTimes(throttle, 'alice', 5);
    exhaust(throttle, '10.0.0.1', T0, 0);
    expect(throttle.admit('alice', '10.0.0.1', T0)).toBe(15 * MINUTE);
  });
});
