import { describe, expect, it } from 'vitest';
import { applicability } from '../../../src/core/matching/osv-specific.js';
import { decidePriority } from '../../../src/core/matching/priority.js';

describe('what ecosystem_specific and database_specific change', () => {
  it('drops RustSec informational advisories about a crate’s state, keeps unsound ones', () => {
    expect(applicability({ databaseSpecific: { informational: 'unmaintained' } }, {})).toEqual({
      applies: false,
      reason: 'an informational advisory (unmaintained), not a vulnerability',
    });
    expect(applicability({ databaseSpecific: { informational: 'notice' } }, {}).applies).toBe(false);
    expect(applicability({ databaseSpecific: { informational: 'unsound' } }, {})).toEqual({
      applies: true,
      caveats: [],
    });
    expect(applicability({ databaseSpecific: { informational: null } }, {})).toEqual({
      applies: true,
      caveats: [],
    });
  });

  it('limits RustSec advisories to the platforms they name', () => {
    const windowsOnly = { ecosystemSpecific: { affects: { os: ['windows'], arch: [], functions: [] } } };
    expect(applicability(windowsOnly, { os: 'linux' }).applies).toBe(false);
    expect(applicability(windowsOnly, { os: 'Windows' })).toEqual({ applies: true, caveats: [] });
    expect(applicability(windowsOnly, {})).toEqual({
      applies: true,
      caveats: ['it affects only os windows; the package URL does not say which'],
    });
    const x86 = { ecosystemSpecific: { affects: { arch: ['x86'] } } };
    expect(applicability(x86, { arch: 'aarch64' }).applies).toBe(false);
    expect(
      applicability({ ecosystemSpecific: { affects: { os: ['macos'] } } }, { os: 'darwin' }).applies,
    ).toBe(true);
  });

  it('keeps what a distribution rates unimportant or negligible, at the lowest priority unless exploited', () => {
    const debian = applicability({ ecosystemSpecific: { urgency: 'unimportant' } }, {});
    expect(debian).toEqual({
      applies: true,
      caveats: [],
      unimportant: 'the distribution rates it unimportant (no fix planned)',
    });
    const ubuntu = applicability({ severity: [{ type: 'Ubuntu', score: 'negligible' }] }, {});
    expect(ubuntu.applies && ubuntu.unimportant).toBe('Ubuntu rates its priority negligible');

    const base = {
      cvss: 9.8,
      kev: false,
      epss: 0.9,
      exposure: 'internet' as const,
      criticality: 'life-critical' as const,
    };
    const unimportant = 'the distribution rates it unimportant (no fix planned)';
    expect(decidePriority({ ...base, distributionUnimportant: unimportant }, '2026-12-01')).toMatchObject({
      priority: 'P4',
      reason: unimportant,
      dueDate: '2027-03-01',
    });
    expect(
      decidePriority({ ...base, kev: true, distributionUnimportant: unimportant }, '2026-12-01').priority,
    ).toBe('P1');
  });
});
