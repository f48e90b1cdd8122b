import { describe, expect, it } from 'vitest';
import type { AffectedRange, RangeEventKind, RangeType } from '../../../src/core/advisories/advisory.js';
import {
  evaluateOsvEntry,
  fixesFor,
  type OsvAffectedEntry,
  type OsvVerdict,
  prepareOsvEntry,
} from '../../../src/core/matching/osv-affected.js';
import { versionScheme } from '../../../src/core/versions/index.js';

type Event = [RangeEventKind, string];

const range = (type: RangeType, ...events: Event[]): AffectedRange => ({
  type,
  events: events.map(([kind, version]) => ({ kind, version })),
});
const ecosystem = (...events: Event[]) => range('ECOSYSTEM', ...events);
const semver = (...events: Event[]) => range('SEMVER', ...events);
const git = (...events: Event[]) => ({ ...range('GIT', ...events), repo: 'https://github.com/example/x' });

const entry = (ranges: AffectedRange[], versions: string[] = []): OsvAffectedEntry => ({ ranges, versions });

/** The verdict for `version` of the entry, in the ordering of `eco` (an OSV ecosystem). */
function verdict(eco: string, e: OsvAffectedEntry, version: string): OsvVerdict {
  const scheme = versionScheme(eco);
  return evaluateOsvEntry(prepareOsvEntry(e, scheme), scheme, version, scheme.parse(version));
}
const affected = (eco: string, e: OsvAffectedEntry, version: string) => verdict(eco, e, version).affected;
/** Which of `versions` the entry finds affected (true), in order. */
const affectedAmong = (eco: string, e: OsvAffectedEntry, versions: string[]) =>
  versions.filter((v) => affected(eco, e, v) === true);

function fixes(eco: string, e: OsvAffectedEntry, version: string) {
  const scheme = versionScheme(eco);
  return fixesFor(prepareOsvEntry(e, scheme), scheme, scheme.parse(version));
}

describe('OSV affected entries, evaluated as the OSV reference scanner does', () => {
  describe('the versions list', () => {
    it('finds a listed version affected, whatever the ranges say', () => {
      const e = entry([ecosystem(['introduced', '2.0'], ['fixed', '2.1'])], ['1.4', '1.5']);
      expect(verdict('PyPI', e, '1.5')).toEqual({ affected: true, rule: { kind: 'version-listed' } });
      expect(affected('PyPI', e, '1.6')).toBe(false);
    });

    it('matches the listed text exactly, so a version the scheme cannot read can still be listed', () => {
      const e = entry([], ['1.0 beta']);
      expect(verdict('PyPI', e, '1.0 beta')).toEqual({ affected: true, rule: { kind: 'version-listed' } });
      expect(affected('PyPI', e, '1.0')).toBe(false);
    });

    it('finds nothing affected by an entry with neither ranges nor versions', () => {
      expect(affected('npm', entry([]), '1.0.0')).toBe(false);
    });
  });

  describe('range events', () => {
    it('takes introduced "0" as below every version, even a pre-release of 0.0.0', () => {
      const e = entry([semver(['introduced', '0'], ['fixed', '1.0.0'])]);
      expect(affectedAmong('npm', e, ['0.0.0-alpha', '0.0.0', '0.9.9', '1.0.0-rc.1', '1.0.0'])).toEqual([
        '0.0.0-alpha',
        '0.0.0',
        '0.9.9',
        '1.0.0-rc.1',
      ]);
      // In Debian, "0~rc1" sorts before "0": still inside a range introduced at "0".
      const deb = entry([ecosystem(['introduced', '0'], ['fixed', '1.0-1'])]);
      expect(affected('Debian:12', deb, '0~rc1')).toBe(true);
    });

    it('takes introduced as inclusive and fixed as exclusive', () => {
      const e = entry([ecosystem(['introduced', '1.5'], ['fixed', '1.10.0'])]);
      expect(affectedAmong('Maven', e, ['1.4', '1.5', '1.9.9', '1.10.0', '1.10.1'])).toEqual([
        '1.5',
        '1.9.9',
      ]);
      expect(verdict('Maven', e, '1.5')).toEqual({
        affected: true,
        rule: { kind: 'range', type: 'ECOSYSTEM', introduced: '1.5', fixed: '1.10.0' },
      });
    });

    it('takes last_affected as inclusive', () => {
      const e = entry([ecosystem(['introduced', '0'], ['last_affected', '2.3.1'])]);
      expect(affectedAmong('PyPI', e, ['2.3', '2.3.1', '2.3.1.post1', '2.3.2'])).toEqual([
        '2.3',
        '2.3.1',
        // A post-release of 2.3.1 comes after it: PEP 440 does not make it part of 2.3.1.
      ]);
      expect(verdict('PyPI', e, '2.3.1')).toEqual({
        affected: true,
        rule: { kind: 'range', type: 'ECOSYSTEM', introduced: '0', lastAffected: '2.3.1' },
      });
    });

    it('leaves a range open when nothing closes it', () => {
      const e = entry([semver(['introduced', '1.2.0'])]);
      expect(affectedAmong('crates.io', e, ['1.1.9', '1.2.0', '99.0.0'])).toEqual(['1.2.0', '99.0.0']);
      expect(verdict('crates.io', e, '2.0.0')).toEqual({
        affected: true,
        rule: { kind: 'range', type: 'SEMVER', introduced: '1.2.0' },
      });
    });

    it('walks several introduced/fixed pairs in one range', () => {
      const e = entry([
        ecosystem(['introduced', '1.0'], ['fixed', '1.5'], ['introduced', '2.0'], ['fixed', '2.5']),
      ]);
      expect(
        affectedAmong('PyPI', e, ['0.9', '1.0', '1.4.9', '1.5', '1.7', '2.0', '2.4.9', '2.5', '3.0']),
      ).toEqual(['1.0', '1.4.9', '2.0', '2.4.9']);
      expect(verdict('PyPI', e, '2.1')).toMatchObject({ rule: { introduced: '2.0', fixed: '2.5' } });
    });

    it('sorts the events before walking them, whatever order they are published in', () => {
      const e = entry([
        ecosystem(['fixed', '2.5'], ['introduced', '2.0'], ['fixed', '1.5'], ['introduced', '1.0']),
      ]);
      expect(affectedAmong('PyPI', e, ['0.9', '1.0', '1.4.9', '1.5', '1.7', '2.0', '2.4.9', '2.5'])).toEqual([
        '1.0',
        '1.4.9',
        '2.0',
        '2.4.9',
      ]);
      // Sorted by the ecosystem's order, not as text: "10.0" comes after "9.0".
      const numeric = entry([ecosystem(['fixed', '10.0'], ['introduced', '9.0'])]);
      expect(affectedAmong('PyPI', numeric, ['8.0', '9.5', '10.0'])).toEqual(['9.5']);
    });

    it('re-opens a range at a version fixed and introduced again (adjacent pairs)', () => {
      // Bitnami's apache record for CVE-2021-42013: 2.4.50 fixed one flaw and brought the next.
      const e = entry([
        semver(['introduced', '2.4.49'], ['fixed', '2.4.50'], ['introduced', '2.4.50'], ['fixed', '2.4.51']),
      ]);
      expect(affectedAmong('Bitnami', e, ['2.4.48', '2.4.49', '2.4.50', '2.4.51'])).toEqual([
        '2.4.49',
        '2.4.50',
      ]);
    });

    it('finds nothing inside a pair introduced and fixed at the same version', () => {
      const e = entry([semver(['introduced', '2026.1.0'], ['fixed', '2026.1.0'])]);
      expect(affected('Bitnami', e, '2026.1.0')).toBe(false);
    });

    it('walks overlapping pairs as the reference does: the first fixed met closes the range', () => {
      // PYSEC-2021-114 (wagtail) publishes [2.11, 2.11.7) and [0, 2.11.6) in one range; sorted, the walk opens
      // at 0, ignores 2.11 (already open) and closes at 2.11.6, so 2.11.6 is not affected by the range.
      const e = entry([
        ecosystem(
          ['introduced', '2.11'],
          ['fixed', '2.11.7'],
          ['introduced', '0'],
          ['fixed', '2.11.6'],
          ['introduced', '2.12'],
          ['fixed', '2.12.4'],
        ),
      ]);
      expect(affectedAmong('PyPI', e, ['2.10', '2.11.5', '2.11.6', '2.12', '2.12.4'])).toEqual([
        '2.10',
        '2.11.5',
        '2.12',
      ]);
    });

    it('ignores limit events', () => {
      const e = entry([semver(['introduced', '1.0.0'], ['limit', '1.2.0'], ['fixed', '1.5.0'])]);
      expect(affectedAmong('npm', e, ['1.1.0', '1.3.0', '1.5.0'])).toEqual(['1.1.0', '1.3.0']);
    });
  });

  describe('several ranges', () => {
    it('finds a version affected when any range holds it, and says which', () => {
      const e = entry([
        ecosystem(['introduced', '2.13.0'], ['fixed', '2.16.0']),
        semver(['introduced', '0'], ['fixed', '2.12.2']),
      ]);
      expect(
        affectedAmong('Maven', e, ['2.0-beta9', '2.12.1', '2.12.2', '2.13.0', '2.15.0', '2.16.0']),
      ).toEqual(['2.0-beta9', '2.12.1', '2.13.0', '2.15.0']);
      expect(verdict('Maven', e, '2.11.0')).toEqual({
        affected: true,
        rule: { kind: 'range', type: 'SEMVER', introduced: '0', fixed: '2.12.2' },
      });
    });

    it('ignores GIT ranges: their events are commits, left to the versions list', () => {
      const commits = git(['introduced', '0'], ['fixed', '2f53c851eaf926767fbac62385615efd4886221c']);
      expect(affected('PyPI', entry([commits]), '1.0')).toBe(false);
      // Commit hashes are not versions, but they are never read, so never reported as unreadable.
      expect(prepareOsvEntry(entry([commits]), versionScheme('PyPI')).unreadable).toEqual([]);
      expect(affected('PyPI', entry([commits], ['1.0']), '1.0')).toBe(true);
      expect(
        affected('PyPI', entry([commits, ecosystem(['introduced', '0'], ['fixed', '2.0'])]), '1.0'),
      ).toBe(true);
    });
  });

  describe('versions that cannot be read', () => {
    it('reports an advisory bound the scheme cannot read, naming it, instead of answering no', () => {
      const e = entry([semver(['introduced', '0'], ['fixed', 'nightly.2026-03-10.0'])]);
      expect(verdict('Bitnami', e, '4.0.0')).toEqual({
        affected: 'unknown',
        unreadable: { version: 'nightly.2026-03-10.0', of: 'advisory' },
      });
      expect(prepareOsvEntry(e, versionScheme('Bitnami')).unreadable).toEqual(['nightly.2026-03-10.0']);
    });

    it('still answers yes from a range it can read, or from the versions list', () => {
      const e = entry(
        [semver(['introduced', 'not a version']), semver(['introduced', '1.0.0'], ['fixed', '2.0.0'])],
        ['0.1.0'],
      );
      expect(affected('npm', e, '1.5.0')).toBe(true);
      expect(affected('npm', e, '0.1.0')).toBe(true);
      expect(verdict('npm', e, '3.0.0')).toEqual({
        affected: 'unknown',
        unreadable: { version: 'not a version', of: 'advisory' },
      });
    });

    it("reports a component's version the scheme cannot read, naming it", () => {
      const e = entry([ecosystem(['introduced', '0'], ['fixed', '2.0'])], ['1.0']);
      expect(verdict('PyPI', e, 'release 1.5')).toEqual({
        affected: 'unknown',
        unreadable: { version: 'release 1.5', of: 'component' },
      });
      expect(verdict('npm', entry([semver(['introduced', '0'])]), 'latest')).toEqual({
        affected: 'unknown',
        unreadable: { version: 'latest', of: 'component' },
      });
    });
  });

  describe('fixesFor', () => {
    it('lists the fixed versions in order and recommends the nearest above the current one (Maven)', () => {
      // GHSA-7rjr-3q55-vv33 (log4j-core, CVE-2021-45046), both branches in one entry.
      const e = entry([
        ecosystem(['introduced', '2.13.0'], ['fixed', '2.16.0']),
        ecosystem(['introduced', '0'], ['fixed', '2.12.2']),
      ]);
      expect(fixes('Maven', e, '2.14.1')).toEqual({
        fixedVersions: ['2.12.2', '2.16.0'],
        nearestFix: '2.16.0',
      });
      expect(fixes('Maven', e, '2.11.0')).toEqual({
        fixedVersions: ['2.12.2', '2.16.0'],
        nearestFix: '2.12.2',
      });
      expect(fixes('Maven', e, '2.0-beta9').nearestFix).toBe('2.12.2');
    });

    it('passes over a fixed version that is itself affected, by another range or by the list', () => {
      // 2.0 fixed the first flaw but brought it back (2.0 ≤ v < 2.1).
      const e = entry([
        ecosystem(['introduced', '1.0'], ['fixed', '2.0']),
        ecosystem(['introduced', '2.0'], ['fixed', '2.1']),
      ]);
      expect(fixes('PyPI', e, '1.5')).toEqual({ fixedVersions: ['2.0', '2.1'], nearestFix: '2.1' });
      const listed = entry(
        [ecosystem(['introduced', '0'], ['fixed', '3.0']), ecosystem(['fixed', '3.1'])],
        ['3.0'],
      );
      expect(fixes('PyPI', listed, '2.0').nearestFix).toBe('3.1');
    });

    it('orders npm pre-releases before their release (1.0.0-rc.1 < 1.0.0)', () => {
      const e = entry([
        semver(['introduced', '0'], ['fixed', '0.9.5']),
        semver(['introduced', '1.0.0-alpha.1'], ['fixed', '1.0.0-rc.2']),
        semver(['introduced', '1.0.0'], ['fixed', '1.0.1']),
      ]);
      expect(
        affectedAmong('npm', e, ['1.0.0-alpha.0', '1.0.0-beta', '1.0.0-rc.1', '1.0.0-rc.2', '1.0.0']),
      ).toEqual(['1.0.0-beta', '1.0.0-rc.1', '1.0.0']);
      expect(fixes('npm', e, '1.0.0-rc.1')).toEqual({
        fixedVersions: ['0.9.5', '1.0.0-rc.2', '1.0.1'],
        nearestFix: '1.0.0-rc.2',
      });
      expect(fixes('npm', e, '1.0.0').nearestFix).toBe('1.0.1');
    });

    it('orders PyPI post-releases, development releases and local versions as PEP 440 does', () => {
      const e = entry([
        ecosystem(['introduced', '1.0.dev1'], ['fixed', '1.0.post1']),
        ecosystem(['introduced', '2.0'], ['fixed', '2.0.1']),
      ]);
      // 1.0.dev1 < 1.0a1 < 1.0 < 1.0+abc < 1.0.post1.dev1 < 1.0.post1
      expect(
        affectedAmong('PyPI', e, [
          '0.9',
          '1.0.dev0',
          '1.0.dev1',
          '1.0a1',
          '1.0',
          '1.0+abc',
          '1.0.post1.dev1',
          '1.0.post1',
        ]),
      ).toEqual(['1.0.dev1', '1.0a1', '1.0', '1.0+abc', '1.0.post1.dev1']);
      expect(fixes('PyPI', e, '1.0+abc')).toEqual({
        fixedVersions: ['1.0.post1', '2.0.1'],
        nearestFix: '1.0.post1',
      });
      expect(fixes('PyPI', e, '2.0+ubuntu1').nearestFix).toBe('2.0.1');
    });

    it('orders Debian versions by epoch first, and ~ before everything', () => {
      const e = entry([
        ecosystem(['introduced', '0'], ['fixed', '1:1.0-1']),
        ecosystem(['introduced', '1:2.0~rc1-1']),
      ]);
      // No epoch is epoch 0: 9.9-1 < 1:0.1-1.
      expect(
        affectedAmong('Debian:11', e, [
          '9.9-1',
          '1:0.9-3',
          '1:1.0~rc1-1',
          '1:1.0-1',
          '1:1.5-1',
          '1:2.0~rc1-1',
        ]),
      ).toEqual(['9.9-1', '1:0.9-3', '1:1.0~rc1-1', '1:2.0~rc1-1']);
      expect(fixes('Debian:11', e, '9.9-1')).toEqual({ fixedVersions: ['1:1.0-1'], nearestFix: '1:1.0-1' });
      const tilde = entry([ecosystem(['introduced', '0'], ['fixed', '2.4.52-1~deb11u2'])]);
      expect(affectedAmong('Debian:11', tilde, ['2.4.52-1~deb11u1', '2.4.52-1~deb11u2', '2.4.52-1'])).toEqual(
        ['2.4.52-1~deb11u1'],
      );
      expect(fixes('Debian:11', tilde, '2.4.52-1~deb11u1').nearestFix).toBe('2.4.52-1~deb11u2');
    });

    it('orders Go pseudo-versions as the pre-releases they are', () => {
      // golang.org/x/crypto style: fixed at a pseudo-version, before any tagged release.
      const e = entry([semver(['introduced', '0'], ['fixed', '0.0.0-20220314234659-1baeb1ce4c0b'])]);
      expect(
        affectedAmong('Go', e, [
          '0.0.0-20210921155107-089bfa567519',
          '0.0.0-20220314234659-1baeb1ce4c0b',
          '0.0.0-20220315160706-3147a52a75dd',
          'v0.1.0',
        ]),
      ).toEqual(['0.0.0-20210921155107-089bfa567519']);
      // vX.Y.(Z+1)-0.timestamp-hash follows X.Y.Z and precedes X.Y.(Z+1).
      const tagged = entry([semver(['introduced', '1.2.3'], ['fixed', '1.2.4'])]);
      expect(affected('Go', tagged, '1.2.4-0.20210101000000-abcdef123456')).toBe(true);
      expect(fixes('Go', tagged, 'v1.2.4-0.20210101000000-abcdef123456')).toEqual({
        fixedVersions: ['1.2.4'],
        nearestFix: '1.2.4',
      });
    });

    it('gives no nearest fix it cannot vouch for, when another range of the entry cannot be read', () => {
      // 2.0 might lie inside the unreadable range: it is listed as a fix, not recommended.
      const e = entry([
        ecosystem(['introduced', '1.0'], ['fixed', '2.0']),
        ecosystem(['introduced', 'nightly build']),
      ]);
      expect(affected('PyPI', e, '1.5')).toBe(true);
      expect(fixes('PyPI', e, '1.5')).toEqual({ fixedVersions: ['2.0'] });
    });

    it('gives no nearest fix when none lies above the current version, or the version is unreadable', () => {
      const e = entry([ecosystem(['introduced', '0'], ['fixed', '1.2'])], ['5.0']);
      expect(fixes('PyPI', e, '5.0')).toEqual({ fixedVersions: ['1.2'] });
      expect(fixes('PyPI', e, 'not a version')).toEqual({ fixedVersions: ['1.2'] });
      expect(fixes('PyPI', entry([ecosystem(['introduced', '0'], ['last_affected', '1.2'])]), '1.0')).toEqual(
        {
          fixedVersions: [],
        },
      );
    });
  });
});
