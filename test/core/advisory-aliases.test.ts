import { describe, expect, it } from 'vitest';
import { groupAliases, groupId } from '../../src/core/advisories/aliases.js';

describe('alias grouping', () => {
  it('joins advisories that name each other, transitively, into one vulnerability named by its CVE', () => {
    const groups = groupAliases([
      { id: 'PYSEC-2021-1', aliases: ['GHSA-aaaa-bbbb-cccc'] },
      { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-2021-0001'] },
      { id: 'OSV-2021-9', aliases: [] },
    ]);
    expect(groups.map((g) => g.id)).toEqual(['CVE-2021-0001', 'OSV-2021-9']);
    expect(groups[0]).toEqual({
      id: 'CVE-2021-0001',
      ids: ['CVE-2021-0001', 'GHSA-aaaa-bbbb-cccc', 'PYSEC-2021-1'],
      advisories: ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2021-1'],
      links: [
        { from: 'GHSA-aaaa-bbbb-cccc', to: 'CVE-2021-0001' },
        { from: 'PYSEC-2021-1', to: 'GHSA-aaaa-bbbb-cccc' },
      ],
    });
  });

  it('joins two advisories that name the same CVE without naming each other, and says through which link', () => {
    const [group] = groupAliases([
      { id: 'GHSA-jfh8-c2jp-5v3q', aliases: ['CVE-2021-44228'] },
      { id: 'BIT-log4j-2021-44228', aliases: ['CVE-2021-44228'] },
    ]);
    expect(group!.id).toBe('CVE-2021-44228');
    expect(group!.advisories).toEqual(['BIT-log4j-2021-44228', 'GHSA-jfh8-c2jp-5v3q']);
    expect(group!.links).toHaveLength(2);
  });

  it('names a group with several CVEs, or none, by its smallest id', () => {
    expect(groupId(['GHSA-b', 'CVE-2020-2', 'CVE-2020-1'])).toBe('CVE-2020-1');
    expect(groupId(['RUSTSEC-2020-1', 'GHSA-x'])).toBe('GHSA-x');
    const [group] = groupAliases([{ id: 'GHSA-x', aliases: ['CVE-2020-2', 'CVE-2020-1'] }]);
    expect(group!.id).toBe('CVE-2020-1');
  });

  it('gives the same groups whatever the order of its input', () => {
    const input = [
      { id: 'A-1', aliases: ['B-1'] },
      { id: 'C-1', aliases: ['B-1', 'CVE-2000-1'] },
      { id: 'D-1', aliases: ['A-1'] },
      { id: 'E-1', aliases: [] },
    ];
    expect(groupAliases([...input].reverse())).toEqual(groupAliases(input));
    expect(groupAliases(input)).toHaveLength(2);
  });

  it('ignores an advisory naming itself and repeated links', () => {
    const [group] = groupAliases([{ id: 'A-1', aliases: ['A-1', 'CVE-2000-1', 'CVE-2000-1'] }]);
    expect(group!.links).toEqual([{ from: 'A-1', to: 'CVE-2000-1' }]);
  });
});

describe('alias grouping with NVD', () => {
  it('takes an NVD record as the advisory whose id is its CVE: it and the advisories aliasing it are one', () => {
    const groups = groupAliases([
      { id: 'CVE-2021-44228', aliases: [] },
      { id: 'GHSA-jfh8-c2jp-5v3q', aliases: ['CVE-2021-44228'] },
      { id: 'CVE-2017-0144', aliases: [] },
    ]);
    expect(groups.map((g) => [g.id, g.advisories])).toEqual([
      ['CVE-2017-0144', ['CVE-2017-0144']],
      ['CVE-2021-44228', ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q']],
    ]);
  });
});
