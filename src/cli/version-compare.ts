/**
 * `vigil version compare`: two versions ordered as an ecosystem orders them, with the same schemes matching
 * uses, so that "why is 1.0~rc1 affected?" has an answer at the shell. `--stdin` takes a pair per line and
 * answers a symbol per line, for scripts checking thousands of pairs in one process.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { UsageError } from '../app/errors.js';
import {
  compareVersionTexts,
  InvalidVersionError,
  isKnownVersionScheme,
  type VersionScheme,
  versionScheme,
  versionSchemeNames,
} from '../core/versions/index.js';

/** Names people reach for first; only those the version module knows are shown, so the hint never lies. */
const PURL_TYPES = [
  'npm',
  'pypi',
  'maven',
  'golang',
  'cargo',
  'gem',
  'composer',
  'nuget',
  'deb',
  'rpm',
  'apk',
  'cran',
];
const OSV_ECOSYSTEMS = [
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'NuGet',
  'Debian',
  'Ubuntu',
  'Alpine',
];

export function schemeOf(ecosystem: string): VersionScheme {
  if (!isKnownVersionScheme(ecosystem)) {
    const known = (names: string[]) => names.filter(isKnownVersionScheme).join(', ');
    throw new UsageError(
      `Unknown ecosystem "${ecosystem}": give a package URL type (${known(PURL_TYPES)}…), ` +
        `an OSV ecosystem (${known(OSV_ECOSYSTEMS)}…, a release after a colon as in Debian:12), ` +
        `or a version scheme (${versionSchemeNames.join(', ')}).`,
    );
  }
  return versionScheme(ecosystem);
}

export function symbolOf(order: number): '<' | '=' | '>' {
  return order < 0 ? '<' : order > 0 ? '>' : '=';
}

/** `<`, `=` or `>`; an unreadable version is an error naming it and the scheme. */
export function compareVersions(ecosystem: string, a: string, b: string): string {
  const scheme = schemeOf(ecosystem);
  try {
    return symbolOf(compareVersionTexts(scheme, a, b));
  } catch (error) {
    if (error instanceof InvalidVersionError) throw new Error(`${ecosystem}: ${error.message}.`);
    throw error;
  }
}

/** Lines of output written at once: a write per line would cost more than the comparison. */
const BATCH = 4096;

/**
 * Compares a pair per line of `input` (blank lines skipped), writing a symbol per pair to `out` and `!` for a
 * line that is not two readable versions, with its reason on `err`. Answers how many lines were bad.
 */
export async function compareVersionLines(
  scheme: VersionScheme,
  input: Readable,
  out: Writable,
  err: Writable,
): Promise<{ compared: number; bad: number }> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let compared = 0;
  let bad = 0;
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    if (!out.write(text)) await once(out, 'drain');
  };
  for await (const line of lines) {
    lineNumber++;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    compared++;
    const fields = trimmed.split(/\s+/);
    const problem =
      fields.length === 2
        ? orderOf(scheme, fields[0]!, fields[1]!)
        : { error: `expected two versions, found ${fields.length} fields` };
    if (typeof problem === 'string') pending.push(problem);
    else {
      bad++;
      pending.push('!');
      err.write(`line ${lineNumber}: ${problem.error}\n`);
    }
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  return { compared, bad };
}

function orderOf(scheme: VersionScheme, a: string, b: string): string | { error: string } {
  try {
    return symbolOf(compareVersionTexts(scheme, a, b));
  } catch (error) {
    if (error instanceof InvalidVersionError) return { error: error.message };
    throw error;
  }
}
