/**
 * Local accounts: creating them (the first administrator too), checking a sign-in, changing and resetting
 * passwords, and the changes an administrator makes. Sessions and API tokens are in sessions.ts and
 * api-tokens.ts; who may call what is decided by core/policy.ts, before these run.
 */
import { ROLES, type Role } from '../core/policy.js';
import { ConflictError, InvalidInputError } from './errors.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { UserChanges, UserRecord, UserView, VigilStore } from './ports.js';

export interface AccountInput {
  username: string;
  displayName?: string;
  role: Role;
  /** Required for the supplier role, refused for the others. */
  supplierId?: number;
  /** When given, the account is ready to use; when not, a one-time password is made that must be changed. */
  password?: string;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

const now = () => new Date().toISOString();

export async function createAccount(
  store: VigilStore,
  input: AccountInput,
): Promise<{ user: UserView; password: string }> {
  const problems: { path: string; message: string }[] = [];
  const username = input.username.trim();
  if (!USERNAME.test(username))
    problems.push({
      path: '$.username',
      message: 'must be 2–64 letters, digits or . _ @ -, starting with a letter or digit',
    });
  if (!ROLES.includes(input.role))
    problems.push({ path: '$.role', message: `must be one of ${ROLES.join(', ')}` });
  problems.push(...(await supplierProblems(store, input.role, input.supplierId)));
  if (input.password !== undefined) {
    const weak = passwordProblem(input.password, username);
    if (weak) problems.push({ path: '$.password', message: weak });
  }
  if (problems.length > 0) throw invalid(problems);
  if (await store.getUserByUsername(username)) throw new ConflictError(`The username ${username} is taken.`);

  const password = input.password ?? generatePassword();
  const user = await store.insertUser(
    {
      username,
      displayName: input.displayName?.trim() || username,
      role: input.role,
      supplierId: input.role === 'supplier' ? input.supplierId : undefined,
      passwordHash: await hashPassword(password),
      mustChangePassword: input.password === undefined,
    },
    now(),
  );
  return { user, password };
}

/**
 * On a store without accounts, creates the administrator `admin` with a one-time password (to be printed
 * once, and changed at first sign-in). Undefined when there are accounts already.
 */
export async function ensureFirstAdmin(
  store: VigilStore,
): Promise<{ username: string; password: string } | undefined> {
  if ((await store.countUsers()) > 0) return undefined;
  const { user, password } = await createAccount(store, {
    username: 'admin',
    displayName: 'Administrator',
    role: 'admin',
  });
  return { username: user.username, password };
}

// Compared against when the username is unknown, so that a sign-in takes as long whether it exists or not.
let decoy: Promise<string> | undefined;

/** The account these credentials open, or undefined: unknown, disabled and wrong all look the same. */
export async function verifyCredentials(
  store: VigilStore,
  username: string,
  password: string,
): Promise<UserRecord | undefined> {
  const user = await store.getUserByUsername(username);
  if (!user) {
    decoy ??= hashPassword(generatePassword());
    await verifyPassword(password, await decoy);
    return undefined;
  }
  const ok = await verifyPassword(password, user.passwordHash);
  return ok && !user.disabled ? user : undefined;
}

export async function changePassword(
  store: VigilStore,
  user: UserRecord,
  currentPassword: string,
  newPassword: string,
  keepSession?: string,
): Promise<void> {
  if (!(await verifyPassword(currentPassword, user.passwordHash)))
    throw invalid([{ path: '$.currentPassword', message: 'is not your current password' }]);
  const weak = passwordProblem(newPassword, user.username);
  if (weak) throw invalid([{ path: '$.newPassword', message: weak }]);
  if (newPassword === currentPassword)
    throw invalid([{ path: '$.newPassword', message: 'must differ from the current password' }]);
  await store.updateUser(
    user.id,
    { passwordHash: await hashPassword(newPassword), mustChangePassword: false },
    now(),
  );
  // Whoever else was signed in with the old password is signed out.
  await store.deleteSessionsOfUser(user.id, keepSession);
}

/** A new one-time password, to be changed at the next sign-in; the user's sessions end. */
export async function resetPassword(store: VigilStore, userId: number): Promise<string | undefined> {
  const password = generatePassword();
  const updated = await store.updateUser(
    userId,
    { passwordHash: await hashPassword(password), mustChangePassword: true },
    now(),
  );
  if (!updated) return undefined;
  await store.deleteSessionsOfUser(userId);
  return password;
}

export interface AccountChanges {
  displayName?: string;
  role?: Role;
  supplierId?: number;
  disabled?: boolean;
}

/** An administrator's change to an account; the account as it was and as it is, for the audit log. */
export async function updateAccount(
  store: VigilStore,
  id: number,
  changes: AccountChanges,
): Promise<{ before: UserView; after: UserView } | undefined> {
  const current = await store.getUser(id);
  if (!current) return undefined;
  const role = changes.role ?? current.role;
  const supplierId = changes.supplierId ?? (role === 'supplier' ? current.supplierId : undefined);
  const problems = await supplierProblems(store, role, supplierId);
  if (changes.displayName !== undefined && changes.displayName.trim() === '')
    problems.push({ path: '$.displayName', message: 'must not be blank' });
  if (problems.length > 0) throw invalid(problems);
  const losesAdmin = current.role === 'admin' && (role !== 'admin' || changes.disabled === true);
  if (losesAdmin && !current.disabled) {
    const admins = (await store.listUsers()).filter((u) => u.role === 'admin' && !u.disabled);
    if (admins.length <= 1)
      throw new ConflictError('The last active administrator cannot be demoted or disabled.');
  }

  const update: UserChanges = {
    displayName: changes.displayName?.trim(),
    role: changes.role,
    supplierId: role === 'supplier' ? supplierId : null,
    disabled: changes.disabled,
  };
  const after = await store.updateUser(id, update, now());
  if (!after) return undefined;
  if (changes.disabled || (changes.role !== undefined && changes.role !== current.role))
    await store.deleteSessionsOfUser(id);
  const { passwordHash: _, ...before } = current;
  return { before, after };
}

/** Records a successful sign-in. */
export async function recordSignIn(store: VigilStore, userId: number): Promise<void> {
  await store.updateUser(userId, { lastLoginAt: now() }, now());
}

async function supplierProblems(
  store: VigilStore,
  role: Role,
  supplierId: number | undefined,
): Promise<{ path: string; message: string }[]> {
  if (role !== 'supplier')
    return supplierId === undefined
      ? []
      : [{ path: '$.supplierId', message: 'is only for the supplier role' }];
  if (supplierId === undefined)
    return [{ path: '$.supplierId', message: 'is required for the supplier role' }];
  if (!(await store.getSupplier(supplierId)))
    return [{ path: '$.supplierId', message: 'is not a known supplier' }];
  return [];
}

function invalid(problems: { path: string; message: string }[]): InvalidInputError {
  return new InvalidInputError(
    `The account is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
    problems,
  );
}
