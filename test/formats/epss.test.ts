import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEpssCsv, parseEpssLine, scoreDateFromFileName } from '../../src/formats/epss/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/epss/${name}`, import.meta.url), 'utf8');

describe('FIRST EPSS CSV', () => {
  it('reads the model version and score date of the first line, and each row', () => {
    const result = parseEpssCsv(fixture('epss_scores-2026-08-16.csv'), 'epss.csv');
    expect(result.metadata).toEqual({ modelVersion: 'v2025.03.14', scoreDate: '2026-08-16' });
    expect(result.scores).toEqual([
      { cveId: 'CVE-2017-0144', epss: 0.9923, percentile: 0.99932 },
      { cveId: 'CVE-2019-0708', epss: 0.99452, percentile: 0.9998 },
      { cveId: 'CVE-2021-44228', epss: 0.99999, percentile: 1 },
      { cveId: 'CVE-2099-0003', epss: 0.00042, percentile: 0.05 },
    ]);
  });

  it('skips and counts bad rows, saying which line and why', () => {
    const result = parseEpssCsv(fixture('epss_scores-2026-08-16.csv'), 'epss.csv');
    expect(result.badRows).toBe(3);
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([
      [6, 'bad_row'],
      [7, 'bad_row'],
      [8, 'bad_row'],
    ]);
    expect(result.problems[0]!.message).toContain('CVE-2099-0001');
  });

  it('accepts a file without the metadata line, and takes the date from a file name when it has one', () => {
    const result = parseEpssCsv(fixture('no-metadata.csv'));
    expect(result.metadata).toEqual({});
    expect(result.scores).toHaveLength(2);
    expect(scoreDateFromFileName('epss_scores-2026-08-16.csv.gz')).toBe('2026-08-16');
    expect(scoreDateFromFileName('scores.csv')).toBeUndefined();
  });

  it('recognises the header, and refuses one with other columns', () => {
    expect(parseEpssLine('cve,epss,percentile', 2)).toEqual({ kind: 'header' });
    expect(parseEpssLine('cve,score', 1)).toMatchObject({
      kind: 'bad',
      problem: { code: 'unexpected_header' },
    });
    expect(parseEpssLine('CVE-2017-0144,0.99,0.99\r', 3)).toMatchObject({ kind: 'score' });
  });
});
