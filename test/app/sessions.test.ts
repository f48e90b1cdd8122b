import { expect, it } from 'vitest';
import { createAccount } from '../../src/app/accounts.js';
import { resumeSession, SESSION_IDLE_MS, SESSION_MAX_MS, startSession } from '../../src/app/sessions.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const MINUTE = 60_000;

describeEachDialect('browser sessions', (dialect) => {
  const scratch = useScratchStore(dialect);

  async function session(username: string, at: Date) {
    const { store } = scratch;
    await createAccount(store, { username, role: 'viewer', password: 'a long enough passphrase' });
    const user = (await store.getUserByUsername(username))!;
    return startSession(store, user, { ip: '127.0.0.1' }, at);
  }

  it('keeps only the hash of the cookie secret', async () => {
    const started = await session('hashed', new Date());
    expect(await scratch.store.getSession(started.secret)).toBeUndefined();
    expect(await resumeSession(scratch.store, started.secret)).toBeDefined();
    expect(await resumeSession(scratch.store, `${started.secret}x`)).toBeUndefined();
  });

  it('ends after an hour without use, and is extended by use', async () => {
    const t0 = new Date('2026-11-28T08:00:00Z');
    const started = await session('idle', t0);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await resumeSession(scratch.store, started.secret, at(50 * MINUTE))).toBeDefined();
    // Used at 50 minutes: alive at 100, though that is past the first hour.
    expect(await resumeSession(scratch.store, started.secret, at(100 * MINUTE))).toBeDefined();
    expect(
      await resumeSession(scratch.store, started.secret, at(100 * MINUTE + SESSION_IDLE_MS + 1)),
    ).toBeUndefined();
    // Ended for good: the row is gone.
    expect(await resumeSession(scratch.store, started.secret, at(101 * MINUTE))).toBeUndefined();
  });

  it('ends twelve hours after sign-in however busy', async () => {
    const t0 = new Date('2026-11-28T08:00:00Z');
    const started = await session('busy', t0);
    for (let m = 30; m < SESSION_MAX_MS / MINUTE; m += 30) {
      expect(
        await resumeSession(scratch.store, started.secret, new Date(t0.getTime() + m * MINUTE)),
        `${m}`,
      ).toBeDefined();
    }
    expect(
      await resumeSession(scratch.store, started.secret, new Date(t0.getTime() + SESSION_MAX_MS + 1)),
    ).toBeUndefined();
  });
});
