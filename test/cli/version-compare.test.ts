import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/app/errors.js';
import { compareVersionLines, compareVersions, schemeOf } from '../../src/cli/version-compare.js';

/** Runs the real CLI in its own process; `input` is its standard input. */
function vigil(args: string[], input = '') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The ecosystems' traps: what a plain string or SemVer comparison gets wrong. */
const TRAPS: [ecosystem: string, a: string, symbol: string, b: string][] = [
  ['Debian', '1.0~rc1', '<', '1.0'],
  ['deb', '1:1.0', '>', '2.0'],
  ['Debian:12', '2.36-9+deb12u4', '<', '2.36-9+deb12u10'],
  ['maven', '1.0-alpha', '<', '1.0'],
  ['maven', '1.0', '=', '1.0.0'],
  ['PyPI', '1.0.post1', '>', '1.0'],
  ['pypi', '1.0rc1', '<', '1.0'],
  ['pypi', '1.0', '=', '1.0.0'],
  // A Go pseudo-version is a pre-release of the next patch: later than v1.2.3, earlier than v1.2.4.
  ['golang', 'v1.2.3', '<', 'v1.2.4-0.20200101000000-abcdefabcdef'],
  ['Go', 'v1.2.4-0.20200101000000-abcdefabcdef', '<', 'v1.2.4'],
  ['npm', '1.2.3+build.7', '=', '1.2.3'],
  ['npm', '1.10.0', '>', '1.9.0'],
  ['cargo', '1.0.0-alpha', '<', '1.0.0-alpha.1'],
  ['rpm', '1.0-1.el8', '<', '1.0-1.el9'],
  ['Alpine', '1.2.3-r0', '<', '1.2.3-r1'],
  ['gem', '1.0.a', '<', '1.0'],
  ['composer', '1.0-beta', '<', '1.0'],
  ['nuget', '1.0.0-rc.1', '<', '1.0.0'],
  ['cran', '1.2-3', '=', '1.2.3'],
];

describe('version compare', () => {
  it.each(TRAPS)('%s: %s %s %s', (ecosystem, a, symbol, b) => {
    expect(compareVersions(ecosystem, a, b)).toBe(symbol);
    expect(compareVersions(ecosystem, b, a)).toBe(symbol === '<' ? '>' : symbol === '>' ? '<' : '=');
  });

  it('refuses an unknown ecosystem as a usage error listing the known ones', () => {
    expect(() => schemeOf('cobol')).toThrow(UsageError);
    expect(() => schemeOf('cobol')).toThrow(
      /Unknown ecosystem "cobol": .*npm, pypi, maven, golang.*PyPI.*semver/,
    );
  });

  it('names the version it cannot read and the scheme', () => {
    expect(() => compareVersions('npm', 'one', '1.0.0')).toThrow('npm: "one" is not a valid semver version.');
  });

  it('compares a pair per line, skips blank lines, and marks a bad line with ! and its line number', async () => {
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks: string[] = [];
    const errors: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    err.on('data', (c: Buffer) => errors.push(c.toString()));
    const input = Readable.from(['1.0 2.0\n\n  2.0\t1.0  \r\n1.0 x\n', '1.0\n3.0 3.0']);
    const result = await compareVersionLines(schemeOf('npm'), input, out, err);
    expect(result).toEqual({ compared: 5, bad: 2 });
    expect(chunks.join('')).toBe('<\n>\n!\n!\n=\n');
    expect(errors.join('')).toBe(
      'line 4: "x" is not a valid semver version\nline 5: expected two versions, found 1 fields\n',
    );
  });
});

describe('vigil version compare', () => {
  it('prints <, = or > and exits 0', () => {
    expect(vigil(['version', 'compare', 'Debian', '1.0~rc1', '1.0'])).toMatchObject({
      code: 0,
      stdout: '<\n',
    });
    expect(vigil(['version', 'compare', 'maven', '1.0.0', '1.0'])).toMatchObject({ code: 0, stdout: '=\n' });
  });

  it('exits 1 on an invalid version, naming it and the scheme', () => {
    const r = vigil(['version', 'compare', 'PyPI', '1.0', 'not a version']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PyPI: "not a version" is not a valid pypi version.');
  });

  it('exits 2 on an unknown ecosystem, or without two versions', () => {
    const r = vigil(['version', 'compare', 'cobol', '1', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown ecosystem "cobol": give a package URL type \(npm, pypi, maven/);
    expect(vigil(['version', 'compare', 'npm', '1.0']).code).toBe(2);
    expect(vigil(['version', 'compare', 'npm', '1.0', '--stdin']).code).toBe(2);
  });

  it('reads pairs from standard input, and exits 1 at the end when a line was bad', () => {
    const r = vigil(['version', 'compare', 'deb', '--stdin'], '1.0~rc1 1.0\n\n2:1 1:9\nbad\n1.0 1.0\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('<\n>\n!\n=\n');
    expect(r.stderr).toContain('line 4: expected two versions, found 1 fields');
    expect(r.stderr).toContain('1 of 4 lines could not be compared');
    expect(vigil(['version', 'compare', 'npm', '--stdin'], '1.0.0 1.0.1\n')).toMatchObject({
      code: 0,
      stdout: '<\n',
      stderr: '',
    });
  });

  it('compares 100,000 pairs in a few seconds', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `1.${i % 97}.${i} 1.${i % 89}.${i}-rc.1`);
    const started = Date.now();
    const r = vigil(['version', 'compare', 'npm', '--stdin'], `${lines.join('\n')}\n`);
    const seconds = (Date.now() - started) / 1000;
    expect(r.code).toBe(0);
    const expected = lines.map((line) => {
      const [a, b] = line.split(' ') as [string, string];
      return compareVersions('npm', a, b);
    });
    expect(r.stdout).toBe(`${expected.join('\n')}\n`);
    expect(new Set(expected)).toEqual(new Set(['<', '>']));
    // Process start-up (tsx) included; comparing itself takes well under a second.
    expect(seconds).toBeLessThan(10);
  });
});
