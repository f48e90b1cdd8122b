import { expect, it } from 'vitest';
import { verifyCredentials } from '../../src/app/accounts.js';
import { ensureDemoAccounts } from '../../src/app/demo/accounts.js';
import { importSbom } from '../../src/app/import-sbom.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

describeEachDialect('the demo accounts', (dialect) => {
  const scratch = useScratchStore(dialect);

  it('makes one account per role, the supplier one for a supplier with products, with fresh passwords each start', async () => {
    const { store } = scratch;
    await importSbom(store, {
      content:
        '{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"supplier":{"name":"Acme Medical"},"component":{"type":"device","name":"Pump","version":"2"}},"components":[]}',
    });
    const first = await ensureDemoAccounts(store);
    expect(first.map((a) => [a.username, a.role])).toEqual([
      ['admin', 'admin'],
      ['analyst', 'analyst'],
      ['viewer', 'viewer'],
      ['supplier', 'supplier'],
    ]);
    expect(first.find((a) => a.role === 'supplier')?.supplier).toBe('Acme Medical');
    const second = await ensureDemoAccounts(store);
    expect(await store.countUsers()).toBe(4);
    for (const [i, account] of second.entries()) {
      expect(account.password).not.toBe(first[i]!.password);
      const user = await verifyCredentials(store, account.username, account.password);
      expect(user?.mustChangePassword).toBe(false);
      expect(await verifyCredentials(store, account.username, first[i]!.password)).toBeUndefined();
    }
  });
});
