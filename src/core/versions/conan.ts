import type { VersionScheme } from './scheme.js';
import { compareDigits, compareText, isDigits, isPlainToken, trimZeros } from './text.js';

/**
 * Conan versions, ordered as Conan 2's `conans.model.version.Version` orders them (conan-io/conan), the
 * model of the vers `conan` scheme. Not SemVer: the text after the last `+` is a build, the text after the
 * first `-` (before it) a pre-release, each read as a version of its own; the rest splits on `.` into items,
 * numbers where the item is digits, text otherwise, trailing zero items ignored (`1` = `1.0.0`). Items
 * compare pairwise, numbers as numbers and anything else as text (a number as its digits: `1.1` < `1.a`),
 * a shorter list first. A pre-release sorts before the same items without one (`1.1-alpha.1` < `1.1`),
 * and a build after the same version without one (`1.1` < `1.1+b1`).
 */
export interface ConanVersion {
  readonly items: readonly ConanItem[];
  readonly pre: ConanVersion | undefined;
  readonly build: ConanVersion | undefined;
}

interface ConanItem {
  readonly numeric: boolean;
  readonly text: string;
}

export const conanScheme: VersionScheme<ConanVersion> = {
  name: 'conan',
  parse: (text) => (isPlainToken(text) ? parseConan(text, false) : undefined),
  compare: compareConan,
};

function parseConan(text: string, qualifier: boolean): ConanVersion {
  let value = text;
  let pre: ConanVersion | undefined;
  let build: ConanVersion | undefined;
  if (!qualifier) {
    const plus = value.lastIndexOf('+');
    if (plus !== -1) {
      build = parseConan(value.slice(plus + 1), true);
      value = value.slice(0, plus);
    }
    const hyphen = value.indexOf('-');
    if (hyphen !== -1) {
      pre = parseConan(value.slice(hyphen + 1), true);
      value = value.slice(0, hyphen);
    }
  }
  const items = value.split('.').map((item): ConanItem => {
    const numeric = isDigits(item);
    return { numeric, text: numeric ? trimZeros(item) : item };
  });
  while (items.length > 0 && items[items.length - 1]!.numeric && items[items.length - 1]!.text === '0')
    items.pop();
  return { items, pre, build };
}

function compareConan(a: ConanVersion, b: ConanVersion): number {
  const items = compareItems(a.items, b.items);
  if (a.pre && b.pre) return items || compareConan(a.pre, b.pre) || compareBuilds(a.build, b.build);
  if (a.pre || b.pre) return items || (a.pre ? -1 : 1);
  return items || compareBuilds(a.build, b.build);
}

function compareBuilds(a: ConanVersion | undefined, b: ConanVersion | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareConan(a, b);
}

function compareItems(a: readonly ConanItem[], b: readonly ConanItem[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c = x.numeric && y.numeric ? compareDigits(x.text, y.text) : compareText(x.text, y.text);
    if (c !== 0) return c;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
