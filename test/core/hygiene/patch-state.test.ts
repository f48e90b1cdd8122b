import { describe, expect, it } from 'vitest';
import type { OsDescription } from '../../../src/core/hygiene/os-recognition.js';
import { recogniseOs } from '../../../src/core/hygiene/os-recognition.js';
import { CRITICAL_UPDATE_RULES, type CriticalUpdateRule } from '../../../src/core/hygiene/patch-rules.js';
import {
  assessPatchState,
  normaliseUpdateId,
  type PatchState,
  patchWindowDays,
  type RuleOutcome,
} from '../../../src/core/hygiene/patch-state.js';

const TODAY = '2026-11-28';

function stateOf(
  os: OsDescription,
  installedUpdates: string[],
  lastPatchDate?: string,
  today = TODAY,
): PatchState {
  const result = recogniseOs(os);
  if (result.status !== 'recognised') throw new Error(`${JSON.stringify(os)}: ${result.status}`);
  return assessPatchState(
    { identity: result.identity, installedUpdates, ...(lastPatchDate ? { lastPatchDate } : {}) },
    today,
  );
}

function outcomes(state: PatchState): Record<string, RuleOutcome> {
  return Object.fromEntries(state.rules.map((r) => [r.rule, r.outcome]));
}

describe('critical update rules', () => {
  it('cite a source for every rule and date every fix', () => {
    for (const rule of CRITICAL_UPDATE_RULES) {
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      expect(rule.sources.every((s) => s.startsWith('https://'))).toBe(true);
      for (const fix of rule.fixes) {
        expect(fix.released).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const update of fix.updates) expect(update.kb).toMatch(/^KB\d{6,7}$/);
      }
    }
  });

  it('give each servicing line at most one fix per rule', () => {
    for (const rule of CRITICAL_UPDATE_RULES) {
      const lines = rule.fixes.flatMap((f) => f.lines);
      expect(new Set(lines).size, rule.id).toBe(lines.length);
    }
  });
});

describe('patch state per OS', () => {
  describe('Windows XP Embedded', () => {
    it('recognises the out-of-band fixes Microsoft published after support ended', () => {
      expect(outcomes(stateOf('Windows XP Embedded SP3', ['KB4012598', 'KB4500331']))).toMatchObject({
        'ms17-010': 'fixed',
        bluekeep: 'fixed',
        dejablue: 'not-affected',
        smbghost: 'not-affected',
        printnightmare: 'not-assessed',
      });
    });

    it('reports a missing fix with the update that would fix it and how long it has been available', () => {
      const state = stateOf('Windows XP Embedded SP3', ['KB2347290'], undefined, '2017-05-23');
      const ms17 = state.missing.find((m) => m.rule === 'ms17-010');
      expect(ms17).toMatchObject({
        cves: expect.arrayContaining(['CVE-2017-0144']),
        fix: { kbs: ['KB4012598'], released: '2017-05-12' },
        patchWindowDays: 11,
      });
    });
  });

  describe('Windows 7, Embedded Standard 7 and Server 2008 R2 (one servicing line)', () => {
    it('recognises the security-only updates the demo installs', () => {
      for (const os of ['Windows 7 Professional SP1', 'WES7', 'Windows Server 2008 R2 SP1'])
        expect(outcomes(stateOf(os, ['KB4012212', 'KB4499175'])), os).toMatchObject({
          'ms17-010': 'fixed',
          bluekeep: 'fixed',
          dejablue: 'missing',
          printnightmare: 'missing',
          smbghost: 'not-affected',
        });
    });

    it('does not let a security-only update stand for earlier months', () => {
      expect(outcomes(stateOf('Windows 7 SP1', ['KB4499175']))).toMatchObject({
        'ms17-010': 'missing',
        bluekeep: 'fixed',
      });
    });

    it('lets a later monthly rollup stand for every earlier fix', () => {
      const state = stateOf('Windows 7 SP1', ['KB4512506']);
      expect(outcomes(state)).toMatchObject({ 'ms17-010': 'fixed', bluekeep: 'fixed', dejablue: 'fixed' });
      expect(state.rules.find((r) => r.rule === 'ms17-010')?.evidence).toContain('KB4512506');
      expect(outcomes(stateOf('Windows 7 SP1', ['KB5022338']))).toMatchObject({ printnightmare: 'fixed' });
    });

    it('does not take the April 2017 security-only update for MS17-010, which lacks it (KB4023262)', () => {
      expect(outcomes(stateOf('Windows 7 SP1', ['KB4015546']))['ms17-010']).toBe('missing');
      expect(outcomes(stateOf('Windows 7 SP1', ['KB4015549']))['ms17-010']).toBe('fixed');
    });

    it('does not take a rollup released before the fix for it', () => {
      expect(outcomes(stateOf('Windows 7 SP1', ['KB4019264']))).toMatchObject({
        'ms17-010': 'fixed',
        bluekeep: 'missing',
      });
    });

    it('says under which condition DejaBlue applies, and that PrintNightmare needs ESU', () => {
      const state = stateOf('Windows 7 SP1', ['KB4012212']);
      expect(state.missing.find((m) => m.rule === 'dejablue')?.fix?.condition).toContain('RDP 8.0 or 8.1');
      expect(state.missing.find((m) => m.rule === 'printnightmare')?.fix?.note).toContain(
        'Extended Security Updates',
      );
    });

    it('accepts update ids however the inventory writes them', () => {
      expect(outcomes(stateOf('Windows 7 SP1', ['kb4012212', '4499175']))).toMatchObject({
        'ms17-010': 'fixed',
        bluekeep: 'fixed',
      });
    });
  });

  describe('Windows 8.1, 8.1 Industry and Server 2012 R2', () => {
    it.each(['Windows 8.1 Industry Pro', 'Windows Server 2012 R2', 'Windows 8.1 Pro'])(
      '%s: KB4012213 fixes MS17-010; BlueKeep does not apply',
      (os) => {
        expect(outcomes(stateOf(os, ['KB4012213']))).toMatchObject({
          'ms17-010': 'fixed',
          bluekeep: 'not-affected',
          dejablue: 'missing',
          printnightmare: 'missing',
        });
      },
    );

    it('Server 2012 (not R2) has its own packages', () => {
      expect(outcomes(stateOf('Windows Server 2012', ['KB4012213']))['ms17-010']).toBe('missing');
      expect(outcomes(stateOf('Windows Server 2012', ['KB4012214']))['ms17-010']).toBe('fixed');
    });
  });

  describe('Windows 10 and later: the build revision decides', () => {
    it.each([
      [952, 'missing'],
      [953, 'fixed'],
    ] as const)('1607 at revision %i: MS17-010 %s', (revision, outcome) => {
      const state = stateOf(
        { name: 'Windows 10 IoT Enterprise LTSB 2016', build: `10.0.14393.${revision}` },
        [],
      );
      expect(outcomes(state)['ms17-010']).toBe(outcome);
    });

    it('names the first build that carries a missing fix', () => {
      const state = stateOf(
        { name: 'Windows Server 2019', build: '10.0.17763.2028' },
        [],
        '2021-07-01',
        '2021-07-16',
      );
      expect(state.missing.map((m) => m.rule)).toEqual(['printnightmare']);
      expect(state.missing[0]).toMatchObject({
        fix: { kbs: ['KB5004947'], minBuild: '10.0.17763.2029' },
        patchWindowDays: 10,
      });
      expect(state.daysSinceLastPatch).toBe(15);
    });

    it('believes the revision over the update list, both ways', () => {
      expect(
        outcomes(stateOf({ name: 'Windows 10 Enterprise LTSC 2019', build: '10.0.17763.100' }, ['KB4511553']))
          .dejablue,
      ).toBe('missing');
    });

    it('without a revision, recognises the cumulative update by id, and otherwise does not guess', () => {
      const state = stateOf('Windows 10 Enterprise LTSC 2019', ['KB4511553', 'KB5031361']);
      expect(outcomes(state)).toMatchObject({ dejablue: 'fixed', printnightmare: 'unknown' });
    });

    it('takes the late-March 2017 cumulative update of 1507 for MS17-010', () => {
      expect(outcomes(stateOf('Windows 10 Enterprise LTSB 2015', ['KB4016637']))['ms17-010']).toBe('fixed');
    });

    it('checks SMBGhost only on 1903 and 1909', () => {
      expect(outcomes(stateOf({ name: 'Windows 10 Pro 1909', build: '10.0.18363.719' }, [])).smbghost).toBe(
        'missing',
      );
      expect(outcomes(stateOf({ name: 'Windows 10 Pro 1909', build: '10.0.18363.720' }, [])).smbghost).toBe(
        'fixed',
      );
      expect(outcomes(stateOf({ name: 'Windows 10 Pro 22H2', build: '10.0.19045.1' }, [])).smbghost).toBe(
        'not-affected',
      );
    });

    it('counts a release that shipped after a fix as carrying it', () => {
      for (const os of ['Windows Server 2022', 'Windows 11 IoT Enterprise LTSC 2024'])
        expect(outcomes(stateOf(os, [])), os).toMatchObject({
          'ms17-010': 'not-affected',
          printnightmare: 'not-affected',
        });
      expect(outcomes(stateOf('Windows 10 Pro 1703', []))['ms17-010']).toBe('not-affected');
    });

    it('says when a rule does not cover an affected-era release', () => {
      expect(outcomes(stateOf('Windows 10 Pro 1703', ['KB4000000'])).printnightmare).toBe('not-assessed');
    });
  });

  it('says unknown, not missing, when the device reports no updates and no revision', () => {
    const state = stateOf('Windows 7 SP1', []);
    expect(state.missing).toEqual([]);
    expect(outcomes(state)['ms17-010']).toBe('unknown');
  });

  it('says unknown when the Windows release is not known', () => {
    expect(outcomes(stateOf('Windows 10', ['KB4012212']))['ms17-010']).toBe('unknown');
  });

  it('applies no Windows rule to other families, but still counts days since the last patch', () => {
    const state = stateOf('Debian GNU/Linux 11', ['ABC-SR-2025-01'], '2025-11-28');
    expect(state.rules).toEqual([]);
    expect(state.daysSinceLastPatch).toBe(365);
  });

  it('reports a last patch date in the future as a data problem', () => {
    expect(stateOf('Windows 7 SP1', ['KB4012212'], '2027-01-01').problems).toEqual([
      'last patch date 2027-01-01 is in the future',
    ]);
  });

  it('takes its rules as data', () => {
    const rule: CriticalUpdateRule = {
      id: 'example',
      title: 'an example rule',
      cves: ['CVE-2099-0001'],
      sources: ['https://example.org/advisory'],
      fixes: [
        {
          lines: ['nt-6.1'],
          released: '2020-01-01',
          updates: [{ kb: 'KB9999999', kind: 'security-only', released: '2020-01-01' }],
        },
      ],
      notAffected: ['build-*'],
    };
    const result = recogniseOs('Windows 7 SP1');
    if (result.status !== 'recognised') throw new Error('not recognised');
    const state = assessPatchState({ identity: result.identity, installedUpdates: ['KB1'] }, '2020-01-31', [
      rule,
    ]);
    expect(state.missing).toMatchObject([{ rule: 'example', patchWindowDays: 30 }]);
  });
});

describe('update ids and patch windows', () => {
  it.each([
    ['KB4012212', 'KB4012212'],
    ['kb4012212', 'KB4012212'],
    ['4012212', 'KB4012212'],
    ['KB 4012212', 'KB4012212'],
    ['MVI-SR-2024-01', 'MVI-SR-2024-01'],
  ])('reads "%s" as %s', (id, expected) => {
    expect(normaliseUpdateId(id)).toBe(expected);
  });

  it('counts the days since a fix became available, never below zero', () => {
    expect(patchWindowDays('2017-03-14', '2017-03-24')).toBe(10);
    expect(patchWindowDays('2017-03-14', '2017-03-01')).toBe(0);
    expect(patchWindowDays('not a date', '2017-03-01')).toBeUndefined();
  });
});
