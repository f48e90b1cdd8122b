/**
 * The demo's accounts, one per role, so that a visitor can see what each role sees. Their passwords are
 * made anew at each start and printed: a demo holds no secrets, and nobody has to remember them.
 */
import type { Role } from '../../core/policy.js';
import { createAccount } from '../accounts.js';
import { generatePassword, hashPassword } from '../passwords.js';
import type { VigilStore } from '../ports.js';

export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
  supplier?: string;
}

const ACCOUNTS: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: 'Demo administrator', role: 'admin' },
  { username: 'analyst', displayName: 'Demo security analyst', role: 'analyst' },
  { username: 'viewer', displayName: 'Demo CISO (read only)', role: 'viewer' },
  { username: 'supplier', displayName: 'Demo supplier portal', role: 'supplier' },
];

export async function ensureDemoAccounts(store: VigilStore): Promise<DemoAccount[]> {
  // The supplier account belongs to the first supplier by name that has products.
  const supplier = (await store.listSuppliers({ limit: 50 })).items.find((s) => s.productCount > 0);
  const accounts: DemoAccount[] = [];
  for (const account of ACCOUNTS) {
    if (account.role === 'supplier' && !supplier) continue;
    const supplierId = account.role === 'supplier' ? supplier?.id : undefined;
    const password = generatePassword();
    const existing = await store.getUserByUsername(account.username);
    if (existing) {
      await store.updateUser(
        existing.id,
        { passwordHash: await hashPassword(password), mustChangePassword: false, disabled: false },
        new Date().toISOString(),
      );
    } else {
      await createAccount(store, { ...account, supplierId, password });
    }
    accounts.push({
      username: account.username,
      role: account.role,
      password,
      ...(account.role === 'supplier' && supplier ? { supplier: supplier.name } : {}),
    });
  }
  return accounts;
}
