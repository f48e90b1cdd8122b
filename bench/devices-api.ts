/**
 * The devices list API at the size of a large health system (demo scale 20 ≈ 100,000 devices), as the web
 * application asks it: pages, sorts, filters and searches, each under load from autocannon (one connection,
 * requests back to back: the time a person waits), against the server in its own process, on SQLite and
 * PostgreSQL. The baseline is GET /api/v1/health in the
 * same run: what any authenticated request costs before it touches the inventory. Prints one JSON line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { issueToken } from '../src/app/api-tokens.js';
import { loadDemo } from '../src/app/load-demo.js';
import { openStore } from '../src/store/index.js';
import { postgresAvailable, scratchDatabase } from '../test/support/databases.js';

const scale = Number(process.argv[2] ?? 20);
const seconds = Number(process.argv[3] ?? 5);

async function startServer(url: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/devices-api-server.ts', url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, port: Number(chunk.toString().trim()) };
}

async function load(port: number, token: string, path: string) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: 1,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    medianMs: result.latency.p50,
    p99Ms: result.latency.p99,
    requestsPerSecond: result.requests.average,
  };
}

async function measure(dialect: 'sqlite' | 'postgres') {
  const db = await scratchDatabase(dialect);
  const store = await openStore(db.url);
  let server: { child: ChildProcess; port: number } | undefined;
  try {
    const loaded = await loadDemo(store, { scale, seed: 'bench' });
    const user = await store.insertUser(
      {
        username: 'bench',
        displayName: 'bench',
        role: 'viewer',
        passwordHash: 'none',
        mustChangePassword: false,
      },
      new Date().toISOString(),
    );
    const { secret } = await issueToken(
      store,
      { kind: 'user', userId: user.id, username: 'bench', role: 'viewer' },
      { name: 'bench', role: 'viewer' },
    );
    // A cursor deep in the list (page 101, or the last page on a small demo), and a real site, device type and
    // asset-tag prefix to filter on.
    let cursor: string | undefined;
    let page = await store.listDevices({ limit: 50 });
    for (let i = 0; i < 100 && page.nextCursor; i++) {
      cursor = page.nextCursor;
      page = await store.listDevices({ limit: 50, cursor });
    }
    const sample = page.items[0]!;
    const deep = encodeURIComponent(cursor!);
    await store.close();
    server = await startServer(db.url);

    const scenarios: Record<string, string> = {
      'GET /health (baseline)': '/api/v1/health',
      'first page, 50 devices': '/api/v1/devices?limit=50',
      'a page deep in the list, by cursor': `/api/v1/devices?limit=50&cursor=${deep}`,
      'sorted by last patch, newest first': '/api/v1/devices?limit=50&sort=lastPatchDate&order=desc',
      'sorted by site': '/api/v1/devices?limit=50&sort=site',
      'one site, in service, life-critical': `/api/v1/devices?limit=50&siteId=${sample.siteId}&status=in-service&clinicalCriticality=life-critical`,
      'one device type': `/api/v1/devices?limit=50&deviceType=${encodeURIComponent(sample.deviceType ?? '')}`,
      'search by asset-tag prefix': `/api/v1/devices?limit=50&q=${encodeURIComponent(sample.assetTag.slice(0, 6))}`,
    };
    const results: Record<string, { medianMs: number; p99Ms: number; requestsPerSecond: number }> = {};
    for (const [name, path] of Object.entries(scenarios))
      results[name] = await load(server.port, secret, path);
    return { dialect, devices: loaded.devicesCreated, results };
  } finally {
    server?.child.kill('SIGTERM');
    if (server) await once(server.child, 'exit');
    await store.close().catch(() => undefined);
    await db.drop();
  }
}

const results = [await measure('sqlite')];
if (postgresAvailable) results.push(await measure('postgres'));
process.stdout.write(`${JSON.stringify({ scale, seconds, results })}\n`);
