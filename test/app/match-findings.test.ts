import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/load-demo.js';
import { loadDemoKnowledge } from '../../src/app/load-demo-knowledge.js';
import { matchFindings } from '../../src/app/match-findings.js';
import { describeEachDialect, useScratchStore } from '../support/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('matching the demo hospital against its knowledge base', (dialect) => {
  const ctx = useScratchStore(dialect);

  it('finds the well-known vulnerabilities where the demo ships them, and a second run changes nothing', async () => {
    await loadDemo(ctx.store, { scale: 1, seed: 'vigil' });
    await loadDemoKnowledge(ctx.store, join(dir, dialect));
    const first = await matchFindings(ctx.store, { kind: 'all' });
    console.log(dialect, JSON.stringify({ ...first, problems: first.problems.slice(0, 5) }));
    expect(first.opened).toBeGreaterThan(0);
    const second = await matchFindings(ctx.store, { kind: 'all' });
    expect(second.opened).toBe(0);
    expect(second.resolved + second.retracted).toBe(0);
    expect(second.stillOpen).toBe(first.opened);
  });
});
