import { describe, expect, it } from 'vitest';
import { type DiffableComponent, diffSboms, packageIdentity } from '../../src/core/sbom-diff.js';

function npm(name: string, version?: string): DiffableComponent {
  return { type: 'library', name, version, purl: `pkg:npm/${name}${version ? `@${version}` : ''}` };
}

describe('package identity', () => {
  it.each([
    ['pkg:npm/lodash@4.17.20', 'pkg:npm/lodash@4.17.21'],
    ['pkg:npm/lodash@4.17.21', 'pkg:npm/Lodash@4.17.21'],
    ['pkg:npm/lodash', 'pkg:npm/lodash@4.17.21'],
    ['pkg:maven/org.example/app@1.0?type=jar', 'pkg:maven/org.example/app@2.0'],
    ['pkg:maven/org.example/app?type=jar', 'pkg:maven/org.example/app@2.0'],
    ['pkg:generic/thing#sub/path', 'pkg:generic/thing@1.0'],
    ['pkg:generic/thing@1.0#sub/path', 'pkg:generic/thing'],
    ['pkg:deb/debian/openssl@1.1.0?arch=amd64&distro=debian-9', 'pkg:DEB/Debian/OpenSSL@3.0.0'],
    ['pkg:npm/%40angular/core@16.0.0', 'pkg:npm/%40angular/core@17.0.0'],
  ])('takes %s and %s for one package', (a, b) => {
    expect(packageIdentity({ type: 'library', name: 'x', purl: a })).toBe(
      packageIdentity({ type: 'library', name: 'y', purl: b }),
    );
  });

  it.each([
    ['pkg:npm/lodash@4.17.21', 'pkg:npm/lodash-es@4.17.21'],
    ['pkg:npm/%40angular/core@16.0.0', 'pkg:npm/%40angular/common@16.0.0'],
    ['pkg:maven/org.a/app@1.0', 'pkg:maven/org.b/app@1.0'],
    ['pkg:npm/app@1.0', 'pkg:pypi/app@1.0'],
  ])('tells %s and %s apart', (a, b) => {
    expect(packageIdentity({ type: 'library', name: 'x', purl: a })).not.toBe(
      packageIdentity({ type: 'library', name: 'x', purl: b }),
    );
  });

  it('tells scoped npm packages apart when the scope is written with a bare @', () => {
    expect(packageIdentity({ type: 'library', name: 'core', purl: 'pkg:npm/@angular/core@16.0.0' })).not.toBe(
      packageIdentity({ type: 'library', name: 'common', purl: 'pkg:npm/@angular/common@16.0.0' }),
    );
  });

  it('ignores an @ inside the qualifiers of a purl without a version', () => {
    expect(
      packageIdentity({
        type: 'library',
        name: 'a',
        purl: 'pkg:maven/g/a?repository_url=https://user@repo.example',
      }),
    ).toBe(packageIdentity({ type: 'library', name: 'a', purl: 'pkg:maven/g/a@1.0' }));
  });

  it('recognises a component without a purl by its type, group and name, in any case', () => {
    const a = packageIdentity({ type: 'library', group: 'Org.Example', name: 'Widget', version: '1' });
    const b = packageIdentity({ type: 'library', group: 'org.example', name: 'widget', version: '2' });
    expect(a).toBe(b);
  });

  it.each<[string, DiffableComponent, DiffableComponent]>([
    ['type', { type: 'library', name: 'zlib' }, { type: 'firmware', name: 'zlib' }],
    ['group', { type: 'library', group: 'a', name: 'zlib' }, { type: 'library', group: 'b', name: 'zlib' }],
    [
      'group, when only one has a group',
      { type: 'library', group: 'a', name: 'zlib' },
      { type: 'library', name: 'zlib' },
    ],
    ['name', { type: 'library', name: 'zlib' }, { type: 'library', name: 'zlib-ng' }],
  ])('tells components without a purl apart by their %s', (_, a, b) => {
    expect(packageIdentity(a)).not.toBe(packageIdentity(b));
  });

  it('does not confuse a group/name pair with another split of the same text', () => {
    const a = packageIdentity({ type: 'library', group: 'ab', name: 'c' });
    const b = packageIdentity({ type: 'library', group: 'a', name: 'bc' });
    expect(a).not.toBe(b);
  });
});

describe('diffing two SBOMs', () => {
  it('finds nothing between two empty documents', () => {
    expect(diffSboms([], [])).toEqual({ added: [], removed: [], changed: [], unchanged: 0 });
  });

  it('finds everything added when the first document is empty', () => {
    const to = [npm('a', '1'), npm('b', '1')];
    expect(diffSboms([], to)).toEqual({ added: to, removed: [], changed: [], unchanged: 0 });
  });

  it('finds everything removed when the second document is empty', () => {
    const from = [npm('a', '1'), npm('b', '1')];
    expect(diffSboms(from, [])).toEqual({ added: [], removed: from, changed: [], unchanged: 0 });
  });

  it('counts the same components in both as unchanged', () => {
    const both = [npm('a', '1'), npm('b', '2')];
    expect(diffSboms(both, [...both])).toEqual({ added: [], removed: [], changed: [], unchanged: 2 });
  });

  it('sorts added, removed, changed and unchanged components into their places', () => {
    const from = [npm('kept', '1'), npm('gone', '1'), npm('bumped', '1.0.0')];
    const to = [npm('kept', '1'), npm('new', '1'), npm('bumped', '1.1.0')];
    const diff = diffSboms(from, to);
    expect(diff.unchanged).toBe(1);
    expect(diff.added.map((c) => c.name)).toEqual(['new']);
    expect(diff.removed.map((c) => c.name)).toEqual(['gone']);
    expect(diff.changed).toEqual([
      {
        name: 'bumped',
        group: undefined,
        purl: 'pkg:npm/bumped@1.1.0',
        fromVersion: '1.0.0',
        toVersion: '1.1.0',
      },
    ]);
  });

  it('hands back the very components it was given, with all their other fields', () => {
    const extra = { ...npm('a', '1'), id: 17 };
    expect(diffSboms([], [extra]).added[0]).toBe(extra);
  });

  it('takes a change of purl case or qualifiers for a change of version, not a new package', () => {
    const from: DiffableComponent[] = [
      { type: 'library', name: 'Lodash', version: '4.17.20', purl: 'pkg:npm/Lodash@4.17.20?x=1' },
    ];
    const to: DiffableComponent[] = [
      { type: 'library', name: 'lodash', version: '4.17.21', purl: 'pkg:npm/lodash@4.17.21' },
    ];
    const diff = diffSboms(from, to);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        name: 'lodash',
        group: undefined,
        purl: 'pkg:npm/lodash@4.17.21',
        fromVersion: '4.17.20',
        toVersion: '4.17.21',
      },
    ]);
  });

  it('matches components without a purl by type, group and name', () => {
    const from: DiffableComponent[] = [{ type: 'firmware', group: 'Acme', name: 'Pump-FW', version: '2.0' }];
    const to: DiffableComponent[] = [{ type: 'firmware', group: 'acme', name: 'pump-fw', version: '2.1' }];
    expect(diffSboms(from, to).changed).toEqual([
      { name: 'pump-fw', group: 'acme', purl: undefined, fromVersion: '2.0', toVersion: '2.1' },
    ]);
  });

  it('reports a change with the new name and purl', () => {
    const from: DiffableComponent[] = [{ type: 'library', name: 'a', version: '1', purl: 'pkg:npm/a@1' }];
    const to: DiffableComponent[] = [{ type: 'library', name: 'A', version: '2', purl: 'pkg:npm/A@2' }];
    expect(diffSboms(from, to).changed).toEqual([
      { name: 'A', group: undefined, purl: 'pkg:npm/A@2', fromVersion: '1', toVersion: '2' },
    ]);
  });

  it('takes a component that gains or loses its purl for another package, as identity goes by purl first', () => {
    const diff = diffSboms([{ type: 'library', name: 'a', version: '1' }], [npm('a', '1')]);
    expect(diff.unchanged).toBe(0);
    expect(diff.added).toHaveLength(1);
    expect(diff.removed).toHaveLength(1);
  });

  it('takes a component with no version on either side as unchanged', () => {
    const c: DiffableComponent = { type: 'library', name: 'a' };
    expect(diffSboms([c], [{ ...c }]).unchanged).toBe(1);
  });

  it('takes a version appearing or disappearing for a change', () => {
    const diff = diffSboms([{ type: 'library', name: 'a' }], [{ type: 'library', name: 'a', version: '1' }]);
    expect(diff.changed).toEqual([
      { name: 'a', group: undefined, purl: undefined, fromVersion: undefined, toVersion: '1' },
    ]);
  });

  describe('one package in several versions', () => {
    it('keeps the version still there as unchanged and removes the other', () => {
      const diff = diffSboms([npm('a', '1.0'), npm('a', '2.0')], [npm('a', '2.0')]);
      expect(diff.unchanged).toBe(1);
      expect(diff.changed).toEqual([]);
      expect(diff.removed.map((c) => c.version)).toEqual(['1.0']);
      expect(diff.added).toEqual([]);
    });

    it('pairs a new version with one old version as a change and removes the other', () => {
      const diff = diffSboms([npm('a', '1.0'), npm('a', '2.0')], [npm('a', '3.0')]);
      expect(diff.unchanged).toBe(0);
      expect(diff.added).toEqual([]);
      expect(diff.changed).toHaveLength(1);
      expect(diff.changed[0]?.toVersion).toBe('3.0');
      expect(diff.removed).toHaveLength(1);
      expect([diff.changed[0]?.fromVersion, diff.removed[0]?.version].sort()).toEqual(['1.0', '2.0']);
    });

    it('adds the extra versions when the second document has more', () => {
      const diff = diffSboms([npm('a', '1.0')], [npm('a', '1.0'), npm('a', '2.0'), npm('a', '3.0')]);
      expect(diff.unchanged).toBe(1);
      expect(diff.changed).toEqual([]);
      expect(diff.added.map((c) => c.version).sort()).toEqual(['2.0', '3.0']);
    });

    it('matches versions wherever they stand in the documents', () => {
      const diff = diffSboms(
        [npm('a', '2'), npm('a', '1'), npm('a', '3')],
        [npm('a', '3'), npm('a', '1'), npm('a', '2')],
      );
      expect(diff).toEqual({ added: [], removed: [], changed: [], unchanged: 3 });
    });

    it('counts a version listed twice on both sides twice', () => {
      const diff = diffSboms([npm('a', '1'), npm('a', '1')], [npm('a', '1'), npm('a', '1')]);
      expect(diff.unchanged).toBe(2);
    });

    it('takes a duplicate version that loses its twin for removed', () => {
      const diff = diffSboms([npm('a', '1'), npm('a', '1')], [npm('a', '1')]);
      expect(diff.unchanged).toBe(1);
      expect(diff.removed).toHaveLength(1);
    });
  });

  it('sorts added, removed and changed by group, then name', () => {
    const c = (name: string, group?: string, version = '1'): DiffableComponent => ({
      type: 'library',
      name,
      group,
      version,
    });
    const names = (list: { name: string; group?: string }[]) => list.map((x) => `${x.group ?? ''}/${x.name}`);

    const added = diffSboms([], [c('b', 'org.z'), c('c', 'org.a'), c('a', 'org.z'), c('a', 'org.a')]).added;
    expect(names(added)).toEqual(['org.a/a', 'org.a/c', 'org.z/a', 'org.z/b']);

    const removed = diffSboms([c('zeta'), c('alpha'), c('mu')], []).removed;
    expect(names(removed)).toEqual(['/alpha', '/mu', '/zeta']);

    const changed = diffSboms(
      [c('zeta'), c('alpha'), c('mu')],
      [c('mu', undefined, '2'), c('zeta', undefined, '2'), c('alpha', undefined, '2')],
    ).changed;
    expect(names(changed)).toEqual(['/alpha', '/mu', '/zeta']);
  });

  it('does not change the arrays it was given', () => {
    const from = [npm('b', '1'), npm('a', '2'), npm('a', '1')];
    const to = [npm('c', '1'), npm('a', '3')];
    const fromCopy = [...from];
    const toCopy = [...to];
    diffSboms(from, to);
    expect(from).toEqual(fromCopy);
    expect(to).toEqual(toCopy);
  });
});
