import type { VersionScheme } from './scheme.js';
import { compareDigits, compareText, isDigit, isPlainToken, trimZeros } from './text.js';

/**
 * Maven versions, ordered by Maven 3's `org.apache.maven.artifact.versioning.ComparableVersion`
 * (apache/maven, maven-artifact) as it stood up to 3.8: the version is cut into items at `.`, at `-` and
 * where digits meet non-digits; a `-`, or a digit-to-letter transition, opens a nested list. Numbers
 * compare as numbers; qualifiers rank alpha (`a`) < beta (`b`) < milestone (`m`) < rc (= `cr`) <
 * snapshot < "" (= `ga`, `final`, `release`) < sp < any other qualifier (those in lexical order),
 * case-insensitively; `a`, `b` and `m` mean alpha, beta and milestone only when a digit follows. Trailing
 * "null" items (0, "", empty lists) are dropped from each list, so `1` = `1.0` = `1.0.0` = `1-0` = `1-ga`.
 * Where kinds differ, a number beats a list beats a qualifier: 1-sp < 1-1 < 1.1.
 *
 * Two choices, both where OSV's reference scanner (google/osv-scalibr `semantic/version-maven.go`) and the
 * vers conformance tests agree with each other against a Maven release:
 * - Maven 3.9 (MNG-7644) reads a qualifier after a dot as if after a hyphen, which puts `2.0.a` before
 *   `2-1`; both corpora keep 3.8's order, `2-1` < `2.0.a`, and so does this scheme.
 * - Maven's code leaves `1-ga-1` below `1-1`; its published Version Order Specification (pom.html,
 *   "trailing null values at each hyphen") and the scanner make them equal, and so does this scheme: a
 *   nested list that trimming leaves holding just one list is that list.
 *
 * Maven reads any text; this scheme refuses only empty text and text with spaces or control characters.
 * Only ASCII digits are digits.
 */
export type MavenItem = MavenNumber | MavenQualifier | MavenList;

interface MavenNumber {
  readonly kind: 'number';
  readonly digits: string;
}
interface MavenQualifier {
  readonly kind: 'qualifier';
  /** Position among the known qualifiers, or UNKNOWN for the rest. */
  readonly rank: number;
  readonly value: string;
}
export interface MavenList {
  readonly kind: 'list';
  readonly items: MavenItem[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE = QUALIFIERS.indexOf('');
const UNKNOWN = QUALIFIERS.length;
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORTHANDS: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };
const ZERO: MavenNumber = { kind: 'number', digits: '0' };

export const mavenScheme: VersionScheme<MavenList> = {
  name: 'maven',
  parse: (text) => (isPlainToken(text) ? parseMaven(text.toLowerCase()) : undefined),
  compare: (a, b) => compareItems(a, b),
};

function qualifier(text: string, followedByDigit: boolean): MavenQualifier {
  const spelled = followedByDigit && text.length === 1 ? (SHORTHANDS[text] ?? text) : text;
  const value = ALIASES[spelled] ?? spelled;
  const rank = QUALIFIERS.indexOf(value);
  return { kind: 'qualifier', rank: rank === -1 ? UNKNOWN : rank, value };
}

function item(isNumber: boolean, text: string): MavenItem {
  return isNumber ? { kind: 'number', digits: trimZeros(text) } : qualifier(text, false);
}

const newList = (): MavenList => ({ kind: 'list', items: [] });

/** `ComparableVersion.parseVersion`, step for step. */
function parseMaven(version: string): MavenList {
  const root = newList();
  let list = root;
  const stack: MavenList[] = [root];
  const open = () => {
    const nested = newList();
    list.items.push(nested);
    list = nested;
    stack.push(nested);
  };
  let isNumber = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 0x2e || c === 0x2d) {
      // `.` or `-`; an empty item counts as 0
      list.items.push(i === start ? ZERO : item(isNumber, version.slice(start, i)));
      start = i + 1;
      if (c === 0x2d) open();
    } else if (isDigit(c)) {
      if (!isNumber && i > start) {
        list.items.push(qualifier(version.slice(start, i), true));
        start = i;
        open();
      }
      isNumber = true;
    } else {
      if (isNumber && i > start) {
        list.items.push(item(true, version.slice(start, i)));
        start = i;
        open();
      }
      isNumber = false;
    }
  }
  if (version.length > start) {
    list.items.push(item(isNumber, version.slice(start)));
  }
  for (let i = stack.length - 1; i >= 0; i--) normalize(stack[i]!, i > 0);
  return root;
}

/** Drops trailing null items (0, "", empty lists), stopping at the first other item that is not a list. */
function normalize(list: MavenList, nested: boolean): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i]!;
    if (isNull(last)) list.items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
  // Maven's code keeps `1-ga-1` as [1, [[1]]], below `1-1`; its specification makes them equal.
  const only = list.items[0];
  if (nested && list.items.length === 1 && only?.kind === 'list') list.items.splice(0, 1, ...only.items);
}

function isNull(item: MavenItem): boolean {
  switch (item.kind) {
    case 'number':
      return item.digits === '0';
    case 'qualifier':
      return item.rank === RELEASE;
    case 'list':
      return item.items.length === 0;
  }
}

/** `Item.compareTo`; `b` undefined stands for the padding of a shorter list. */
function compareItems(a: MavenItem, b: MavenItem | undefined): number {
  switch (a.kind) {
    case 'number':
      if (b === undefined) return a.digits === '0' ? 0 : 1;
      return b.kind === 'number' ? compareDigits(a.digits, b.digits) : 1;
    case 'qualifier':
      if (b === undefined) return a.rank === RELEASE ? 0 : a.rank < RELEASE ? -1 : 1;
      if (b.kind !== 'qualifier') return -1;
      if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
      return a.rank === UNKNOWN ? compareText(a.value, b.value) : 0;
    case 'list':
      if (b === undefined) {
        for (const each of a.items) {
          const c = compareItems(each, undefined);
          if (c !== 0) return c;
        }
        return 0;
      }
      if (b.kind === 'number') return -1;
      if (b.kind === 'qualifier') return 1;
      return compareLists(a.items, b.items);
  }
}

function compareLists(a: readonly MavenItem[], b: readonly MavenItem[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const left = a[i];
    const right = b[i];
    const c =
      left === undefined
        ? right === undefined
          ? 0
          : -compareItems(right, undefined)
        : compareItems(left, right);
    if (c !== 0) return c;
  }
  return 0;
}
