import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../support/databases.js';
import { CYCLONEDX_JSON, errorOf, sbomFor, serverFor, tokenFor, withToken } from '../support.js';

interface User {
  id: number;
  username: string;
  role: string;
  disabled: boolean;
  mustChangePassword: boolean;
}
interface AuditEvent {
  action: string;
  actor: { kind: string; name: string };
  target?: { type: string; id?: string; label?: string };
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  outcome: string;
}

describeEachDialect('administration', (dialect) => {
  const server = serverFor(dialect);

  async function audit(action: string): Promise<AuditEvent[]> {
    const res = await server.app.inject({ url: `/api/v1/audit?action=${action}` });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: AuditEvent[] }>().items;
  }

  describe('/api/v1/users', () => {
    it('creates an account with a one-time password, shown once, and audits it', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: 'erin', displayName: 'Erin Engineer', role: 'analyst' },
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<{ user: User; temporaryPassword: string }>();
      expect(body.user).toMatchObject({ username: 'erin', role: 'analyst', mustChangePassword: true });
      expect(body.temporaryPassword).toMatch(/^(\w{5}-){3}\w{5}$/);
      const list = (await server.app.inject({ url: '/api/v1/users' })).json<{ items: User[] }>();
      expect(list.items.map((u) => u.username)).toContain('erin');
      expect(JSON.stringify(list)).not.toContain(body.temporaryPassword);
      expect(JSON.stringify(list)).not.toMatch(/scrypt|passwordHash/);
      const [event] = await audit('user.create');
      expect(event).toMatchObject({
        actor: { kind: 'token', name: 'test-admin' },
        target: { type: 'user', label: 'erin' },
        after: { username: 'erin', role: 'analyst' },
      });
    });

    it('refuses a taken username (whatever its case), a supplier role without a supplier, and bad names', async () => {
      const taken = await server.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: 'ERIN', role: 'viewer' },
      });
      expect(taken.statusCode).toBe(409);
      const noSupplier = await server.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: 'sam', role: 'supplier' },
      });
      expect(noSupplier.statusCode).toBe(400);
      expect(errorOf(noSupplier).details).toEqual([
        { in: 'body', path: '$.supplierId', message: 'is required for the supplier role' },
      ]);
      const badName = await server.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: { username: ' <script>', role: 'viewer' },
      });
      expect(errorOf(badName).details?.[0]?.path).toBe('$.username');
    });

    it('changes a role with the values before and after in the audit log', async () => {
      const erin = (await server.store.getUserByUsername('erin'))!;
      const res = await server.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${erin.id}`,
        payload: { role: 'viewer' },
      });
      expect(res.json<User>().role).toBe('viewer');
      const [event] = await audit('user.update');
      expect(event?.before).toMatchObject({ role: 'analyst' });
      expect(event?.after).toMatchObject({ role: 'viewer' });
    });

    it('never demotes or disables the last active administrator', async () => {
      const admin = (await server.store.getUserByUsername('test-admin'))!;
      for (const payload of [{ role: 'viewer' }, { disabled: true }]) {
        const res = await server.app.inject({ method: 'PATCH', url: `/api/v1/users/${admin.id}`, payload });
        expect(res.statusCode).toBe(409);
      }
    });

    it('resets a password to a new one-time password', async () => {
      const erin = (await server.store.getUserByUsername('erin'))!;
      const res = await server.app.inject({ method: 'POST', url: `/api/v1/users/${erin.id}/password-reset` });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ temporaryPassword: string }>().temporaryPassword).toHaveLength(23);
      expect((await server.store.getUser(erin.id))?.mustChangePassword).toBe(true);
      expect(await audit('user.password_reset')).toHaveLength(1);
    });
  });

  describe('/api/v1/tokens', () => {
    let analyst: ReturnType<typeof withToken>;
    beforeAll(async () => {
      analyst = withToken(server.anonymous, await tokenFor(server.store, 'analyst', { username: 'ann' }));
    });

    it('answers a secret once, keeps only its hash, and the secret works as a bearer token', async () => {
      const res = await analyst.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'nightly sync', role: 'viewer', expiresInDays: 30 },
      });
      expect(res.statusCode, res.body).toBe(201);
      const { token, secret } = res.json<{
        token: { id: number; prefix: string; role: string; expiresAt: string };
        secret: string;
      }>();
      expect(secret).toMatch(/^vigil_[0-9a-f]{16}_[\w-]{43}$/);
      expect(secret).toContain(token.prefix);
      expect(token.role).toBe('viewer');
      const stored = await server.store.getTokenByPrefix(token.prefix);
      // The secret part follows `vigil_<16 hex>_`; base64url may itself hold underscores.
      expect(stored?.secretHash).not.toContain(secret.slice('vigil_'.length + 17));

      const script = withToken(server.anonymous, secret);
      expect((await script.inject({ url: '/api/v1/devices' })).statusCode).toBe(200);
      // The token is a viewer's, though its owner is an analyst.
      const write = await script.inject({
        method: 'PATCH',
        url: '/api/v1/devices/1',
        payload: { owner: 'x' },
      });
      expect(write.statusCode).toBe(403);
      const listed = (await analyst.inject({ url: '/api/v1/tokens' })).json<{
        items: { id: number; lastUsedAt?: string }[];
      }>();
      expect(listed.items.find((t) => t.id === token.id)?.lastUsedAt).toBeDefined();
      expect(JSON.stringify(listed)).not.toContain(secret);
    });

    it('refuses a token stronger than its owner', async () => {
      const res = await analyst.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'too much', role: 'admin' },
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.[0]?.path).toBe('$.role');
    });

    it('revokes a token: it stops working at once, and the revocation is audited', async () => {
      const created = await analyst.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'short-lived', role: 'analyst' },
      });
      const { token, secret } = created.json<{ token: { id: number }; secret: string }>();
      const script = withToken(server.anonymous, secret);
      expect((await script.inject({ url: '/api/v1/sites' })).statusCode).toBe(200);
      expect((await analyst.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}` })).statusCode).toBe(
        204,
      );
      const after = await script.inject({ url: '/api/v1/sites' });
      expect(after.statusCode).toBe(401);
      const [event] = await audit('token.revoke');
      expect(event?.after).toHaveProperty('revokedAt');
    });

    it("does not let anyone but an administrator revoke another's token", async () => {
      const other = withToken(server.anonymous, await tokenFor(server.store, 'analyst'));
      const mine = (await analyst.inject({ url: '/api/v1/tokens' })).json<{ items: { id: number }[] }>()
        .items[0]!;
      expect((await other.inject({ method: 'DELETE', url: `/api/v1/tokens/${mine.id}` })).statusCode).toBe(
        403,
      );
      expect(
        (await other.inject({ url: '/api/v1/tokens' }))
          .json<{ items: { id: number }[] }>()
          .items.map((t) => t.id),
      ).not.toContain(mine.id);
      expect(
        (await server.app.inject({ url: '/api/v1/tokens' }))
          .json<{ items: { id: number }[] }>()
          .items.map((t) => t.id),
      ).toContain(mine.id);
    });
  });

  describe('/api/v1/audit', () => {
    it('records device changes with the fields before and after', async () => {
      const device = (await server.store.listDevices({ limit: 1 })).items[0]!;
      const res = await server.app.inject({
        method: 'PATCH',
        url: `/api/v1/devices/${device.id}`,
        payload: { owner: 'Biomed team B', status: 'maintenance' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const [event] = await audit('device.update');
      expect(event).toMatchObject({
        target: { type: 'device', id: String(device.id), label: device.assetTag },
        before: { owner: device.owner ?? null, status: device.status },
        after: { owner: 'Biomed team B', status: 'maintenance' },
      });
    });

    it('records SBOM and device imports, and refused ones as failures', async () => {
      const sbom = await server.app.inject({
        method: 'POST',
        url: '/api/v1/sboms?fileName=audited.cdx.json',
        headers: CYCLONEDX_JSON,
        payload: sbomFor('Audited Pump'),
      });
      expect(sbom.statusCode, sbom.body).toBe(201);
      const refused = await server.app.inject({
        method: 'POST',
        url: '/api/v1/sboms?fileName=broken.cdx.json',
        headers: CYCLONEDX_JSON,
        payload: '{"bomFormat":',
      });
      expect(refused.statusCode).toBe(422);
      const [failure, success] = await audit('sbom.import');
      expect(failure).toMatchObject({
        outcome: 'failure',
        after: { fileName: 'broken.cdx.json', problems: 1 },
      });
      expect(success).toMatchObject({
        outcome: 'success',
        target: {
          type: 'sbom',
          id: String(sbom.json<{ sbomId: number }>().sbomId),
          label: 'Testing Ltd Audited Pump 1.0',
        },
        after: { fileName: 'audited.cdx.json', componentCount: 1 },
      });

      const csv =
        'asset_tag,manufacturer,model,software_version,site\nAUD-1,Testing Ltd,Audited Pump,1.0,Audit Hospital\n';
      const devices = await server.app.inject({
        method: 'POST',
        url: '/api/v1/devices/import?fileName=audit.csv',
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(devices.statusCode, devices.body).toBe(200);
      const [imported] = await audit('devices.import');
      expect(imported).toMatchObject({
        outcome: 'success',
        after: { fileName: 'audit.csv', rows: 1, created: 1 },
      });
      // The same file again changes nothing, and so records nothing.
      await server.app.inject({
        method: 'POST',
        url: '/api/v1/devices/import?fileName=audit.csv',
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(await audit('devices.import')).toHaveLength(1);
    });

    it('filters by a kind of action and pages newest first', async () => {
      const page = (await server.app.inject({ url: '/api/v1/audit?action=user.&limit=2' })).json<{
        items: AuditEvent[];
        nextCursor?: string;
      }>();
      expect(page.items).toHaveLength(2);
      expect(page.items.every((e) => e.action.startsWith('user.'))).toBe(true);
      expect(page.nextCursor).toBeDefined();
    });

    it('exports CSV that a spreadsheet will not run as formulas', async () => {
      await server.anonymous.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: '=HYPERLINK("http://evil")', password: 'whatever' },
      });
      const res = await server.app.inject({ url: '/api/v1/audit/export.csv' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="vigil-audit-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      const lines = res.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'id,at,actor_kind,actor,token_id,action,outcome,target_type,target_id,target,before,after,ip',
      );
      expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(lines.length).toBeGreaterThan(5);
    });
  });
});
