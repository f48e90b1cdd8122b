import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { assessHygiene } from '../../src/app/assess-hygiene.js';
import { loadDemo } from '../../src/app/load-demo.js';
import { loadDemoKnowledge } from '../../src/app/load-demo-knowledge.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-hygiene-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('hygiene of the demo hospital', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('tells unsupported operating systems, missing critical updates and stale protection, and keeps one snapshot a day', async () => {
    await loadDemo(ctx.store, { scale: 0.3, seed: 'vigil' });
    await loadDemoKnowledge(ctx.store, join(dir, dialect));
    const now = new Date('2026-12-02T12:00:00Z');
    const run = await assessHygiene(ctx.store, now);
    expect(run.os.unsupported).toBeGreaterThan(0);
    expect(run.os.supported).toBeGreaterThan(0);
    expect(run.missingCriticalUpdates).toBeGreaterThan(0);

    const windows7 = await ctx.store.listHygieneDevices({
      limit: 500,
      measure: 'os-unsupported',
      today: '2026-12-02',
    });
    const wes7 = windows7.items.find((d) => d.osLabel?.includes('Embedded Standard 7'));
    expect(wes7).toMatchObject({ osStatus: 'unsupported', osEndOfSupport: '2023-10-10' });
    const detail = await ctx.store.getDeviceHygiene(wes7!.deviceId);
    expect(detail?.hygiene.os.lifecycle.daysPast).toBeGreaterThan(1000);

    await assessHygiene(ctx.store, new Date('2026-12-02T18:00:00Z'));
    const summary = await ctx.store.hygieneSummary('2026-12-02');
    expect(summary.trend.map((t) => t.day)).toEqual(['2026-12-02']);
    const unsupported = summary.measures.find((m) => m.measure === 'os-unsupported')!;
    expect(unsupported.count).toBe(run.os.unsupported);
    expect(summary.unsupportedReleases[0]!.devices).toBeGreaterThan(0);
  });
});
