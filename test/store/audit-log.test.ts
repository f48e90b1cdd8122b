import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VigilStore } from '../../src/app/ports.js';
import { connect } from '../../src/store/connect.js';
import { openStore } from '../../src/store/index.js';
import { describeEachDialect, scratchDatabase } from '../support/databases.js';

describeEachDialect('the audit log', (dialect) => {
  let url: string;
  let store: VigilStore;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ url, drop } = await scratchDatabase(dialect));
    store = await openStore(url);
    for (const action of ['device.update', 'user.create', 'device.update']) {
      await store.appendAudit({
        at: new Date().toISOString(),
        actor: { kind: 'user', id: 1, name: 'alice' },
        action,
        target: { type: 'device', id: '7', label: 'PUMP-7' },
        before: { owner: null },
        after: { owner: 'Ward 3' },
        outcome: 'success',
      });
    }
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  it('keeps each entry as written, newest first', async () => {
    const page = await store.listAudit({ limit: 10 });
    expect(page.items.map((e) => e.action)).toEqual(['device.update', 'user.create', 'device.update']);
    expect(page.items[0]).toMatchObject({
      actor: { kind: 'user', id: 1, name: 'alice' },
      target: { type: 'device', id: '7', label: 'PUMP-7' },
      before: { owner: null },
      after: { owner: 'Ward 3' },
      outcome: 'success',
    });
    expect((await store.listAudit({ limit: 10, action: 'device.' })).items).toHaveLength(2);
    expect((await store.listAudit({ limit: 10, action: 'device' })).items).toHaveLength(0);
    expect((await store.listAudit({ limit: 10, actor: 'bob' })).items).toHaveLength(0);
  });

  it('cannot be changed or emptied, even with SQL on the same database', async () => {
    const { db } = await connect(url);
    try {
      await expect(sql`update audit_event set actor_name = 'mallory'`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/append-only/);
      if (dialect === 'postgres')
        await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow(/append-only/);
    } finally {
      await db.destroy();
    }
    expect((await store.listAudit({ limit: 10 })).items).toHaveLength(3);
  });
});
