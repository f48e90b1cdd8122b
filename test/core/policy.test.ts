import { describe, expect, it } from 'vitest';
import {
  can,
  canDelegate,
  canSeeSupplier,
  PERMISSIONS,
  type Permission,
  type Principal,
  permissionsOf,
  ROLE_DESCRIPTIONS,
  ROLES,
  type Role,
  supplierScope,
} from '../../src/core/policy.js';

function principal(role: Role, extra: Partial<Principal> = {}): Principal {
  return { kind: 'user', userId: 1, username: 'someone', role, ...extra };
}

const expected: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  analyst: ['catalogue:read', 'inventory:read', 'inventory:write', 'sboms:write', 'tokens:create'],
  viewer: ['catalogue:read', 'inventory:read'],
  supplier: ['catalogue:read', 'sboms:write', 'tokens:create'],
};

describe('permissions of each role', () => {
  it.each(ROLES)('grants %s exactly its documented permissions', (role) => {
    expect(new Set(permissionsOf(role))).toEqual(new Set(expected[role]));
  });

  it('gives an admin every permission there is', () => {
    for (const permission of PERMISSIONS) expect(can(principal('admin'), permission)).toBe(true);
  });

  it.each(['users:manage', 'audit:read'] as const)('does not let an analyst %s', (permission) => {
    expect(can(principal('analyst'), permission)).toBe(false);
  });

  it('lets a viewer read the catalogue and the inventory and change nothing', () => {
    const granted = PERMISSIONS.filter((permission) => can(principal('viewer'), permission));
    expect(granted).toEqual(['catalogue:read', 'inventory:read']);
  });

  it("never lets a supplier read the hospital's inventory, with or without a supplier", () => {
    expect(can(principal('supplier', { supplierId: 7 }), 'inventory:read')).toBe(false);
    expect(can(principal('supplier'), 'inventory:read')).toBe(false);
    expect(can(principal('supplier', { supplierId: 7 }), 'inventory:write')).toBe(false);
  });

  it('lets a supplier read the catalogue, upload SBOMs and create tokens', () => {
    for (const permission of ['catalogue:read', 'sboms:write', 'tokens:create'] as const)
      expect(can(principal('supplier', { supplierId: 7 }), permission)).toBe(true);
  });

  it('decides by the role alone, whether a user or an API token acts', () => {
    for (const role of ROLES)
      for (const permission of PERMISSIONS)
        expect(can(principal(role, { kind: 'token', tokenId: 3 }), permission)).toBe(
          can(principal(role), permission),
        );
  });

  it('hands out a copy of the permissions, which a caller cannot use to widen a role', () => {
    const list = permissionsOf('viewer');
    list.push('users:manage');
    expect(permissionsOf('viewer')).not.toContain('users:manage');
    expect(can(principal('viewer'), 'users:manage')).toBe(false);
  });

  it('describes every role', () => {
    for (const role of ROLES) expect(ROLE_DESCRIPTIONS[role]).toBeTruthy();
  });
});

describe('supplier scope', () => {
  it('confines a supplier to its own supplier', () => {
    expect(supplierScope(principal('supplier', { supplierId: 42 }))).toBe(42);
  });

  it('confines a supplier principal without a supplier to -1, which matches no supplier', () => {
    expect(supplierScope(principal('supplier'))).toBe(-1);
  });

  it.each(['admin', 'analyst', 'viewer'] as const)(
    'does not confine %s, even with a supplierId set',
    (role) => {
      expect(supplierScope(principal(role))).toBeUndefined();
      expect(supplierScope(principal(role, { supplierId: 42 }))).toBeUndefined();
    },
  );

  it.each(['admin', 'analyst', 'viewer'] as const)('lets %s see every supplier', (role) => {
    expect(canSeeSupplier(principal(role), 1)).toBe(true);
    expect(canSeeSupplier(principal(role), 99)).toBe(true);
  });

  it('lets a supplier see only its own supplier', () => {
    const supplier = principal('supplier', { supplierId: 42 });
    expect(canSeeSupplier(supplier, 42)).toBe(true);
    expect(canSeeSupplier(supplier, 41)).toBe(false);
  });

  it('lets a supplier principal without a supplier see no supplier at all', () => {
    const orphan = principal('supplier');
    expect(canSeeSupplier(orphan, 0)).toBe(false);
    expect(canSeeSupplier(orphan, 1)).toBe(false);
  });
});

describe('delegating a role to an API token', () => {
  // holder, role it hands out, allowed
  const cases: [Role, Role, boolean][] = [
    ['admin', 'admin', true],
    ['admin', 'analyst', true],
    ['admin', 'viewer', true],
    ['admin', 'supplier', false],
    ['analyst', 'admin', false],
    ['analyst', 'analyst', true],
    ['analyst', 'viewer', true],
    ['analyst', 'supplier', false],
    ['viewer', 'admin', false],
    ['viewer', 'analyst', false],
    ['viewer', 'viewer', true],
    ['viewer', 'supplier', false],
    ['supplier', 'admin', false],
    ['supplier', 'analyst', false],
    ['supplier', 'viewer', false],
    ['supplier', 'supplier', true],
  ];

  it.each(cases)('answers whether %s may hand out %s: %s', (holder, role, allowed) => {
    expect(canDelegate(holder, role)).toBe(allowed);
  });

  it('never hands out a role with a permission the holder lacks', () => {
    for (const holder of ROLES)
      for (const role of ROLES)
        if (canDelegate(holder, role))
          for (const permission of permissionsOf(role)) expect(permissionsOf(holder)).toContain(permission);
  });
});
