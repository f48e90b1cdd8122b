/**
 * Who may do what: the one place where authorisation is decided. The server asks `can` on every route
 * (each route names the permission it needs) and `canSeeSupplier` wherever a supplier's data is read; the
 * web application reads the same permissions to show only what a person may use.
 */

export const ROLES = ['admin', 'analyst', 'viewer', 'supplier'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Suppliers, products, product versions, SBOMs and their components (a supplier: its own only). */
  'catalogue:read',
  /** The hospital's inventory: sites, devices, the dashboard, and where a component is. */
  'inventory:read',
  /** Device imports and edits. */
  'inventory:write',
  /** SBOM uploads (a supplier: for its own products only). */
  'sboms:write',
  /** API tokens for oneself, with a role no stronger than one's own. */
  'tokens:create',
  'users:manage',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  analyst: ['catalogue:read', 'inventory:read', 'inventory:write', 'sboms:write', 'tokens:create'],
  viewer: ['catalogue:read', 'inventory:read'],
  // A supplier's portal: its own products and SBOMs, never the hospital's devices.
  supplier: ['catalogue:read', 'sboms:write', 'tokens:create'],
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including users, API tokens of everyone and the audit log',
  analyst: 'Reads and changes the inventory and findings; imports SBOMs and device lists',
  viewer: 'Reads everything but administration; changes nothing',
  supplier: "A supplier's portal: its own products and SBOMs only, nothing of the hospital's devices",
};

/** Someone acting: a signed-in user, or a script with an API token (which carries its own role). */
export interface Principal {
  kind: 'user' | 'token';
  userId: number;
  username: string;
  role: Role;
  /** Set for the supplier role: the supplier whose data this principal may see. */
  supplierId?: number;
  tokenId?: number;
}

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}

export function can(principal: Principal, permission: Permission): boolean {
  return GRANTS[principal.role].includes(permission);
}

/** The supplier a principal is confined to, or undefined when it sees every supplier. */
export function supplierScope(principal: Principal): number | undefined {
  return principal.role === 'supplier' ? (principal.supplierId ?? -1) : undefined;
}

export function canSeeSupplier(principal: Principal, supplierId: number): boolean {
  const scope = supplierScope(principal);
  return scope === undefined || scope === supplierId;
}

/** Roles ordered by what they may do; a supplier is beside the others, not below them. */
const RANK: Record<Role, number> = { admin: 3, analyst: 2, viewer: 1, supplier: 0 };

/**
 * Whether someone of role `holder` may hand out `role` (to an API token of their own): never more than they
 * have, and a supplier only its own role.
 */
export function canDelegate(holder: Role, role: Role): boolean {
  if (holder === 'supplier' || role === 'supplier') return holder === role;
  return RANK[role] <= RANK[holder];
}
