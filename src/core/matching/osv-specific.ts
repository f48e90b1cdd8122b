/**
 * What an OSV entry's `ecosystem_specific` and `database_specific` say that changes whether, or how much, it
 * applies. Only fields whose meaning the databases document are read:
 * - RustSec `database_specific.informational` (`unmaintained`, `notice`): advisories about a crate's state,
 *   not vulnerabilities in it (RustSec's own tools report them as warnings); they produce no finding.
 *   `unsound` ones can corrupt memory and stay findings.
 * - RustSec `ecosystem_specific.affects.os` / `.arch`: the flaw exists only on those platforms; a package
 *   URL that names another (`os`, `arch` qualifiers) is not affected, one that names none keeps the finding
 *   with the platform as a caveat.
 * - Debian `ecosystem_specific.urgency` `unimportant` and Ubuntu's `negligible` priority: the distribution
 *   judged it not worth a fix; the finding stays, at the lowest priority, saying why.
 */

export interface EntrySpecifics {
  ecosystemSpecific?: unknown;
  databaseSpecific?: unknown;
  /** The entry's or advisory's severity entries (Ubuntu writes its priority there). */
  severity?: readonly { type: string; score: string }[];
}

export type Applicability =
  | { applies: false; reason: string }
  | { applies: true; caveats: string[]; unimportant?: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

const NOT_VULNERABILITIES = new Set(['unmaintained', 'notice']);

/** RustSec's os names as Rust's target_os spells them; purls follow Rust or use common names. */
const OS_ALIASES: Readonly<Record<string, string>> = { darwin: 'macos', osx: 'macos', win32: 'windows' };

export function applicability(
  specifics: EntrySpecifics,
  qualifiers: Readonly<Record<string, string>>,
): Applicability {
  const db = specifics.databaseSpecific;
  const eco = specifics.ecosystemSpecific;
  if (isObject(db) && typeof db.informational === 'string' && NOT_VULNERABILITIES.has(db.informational))
    return { applies: false, reason: `an informational advisory (${db.informational}), not a vulnerability` };
  const caveats: string[] = [];
  if (isObject(eco) && isObject(eco.affects)) {
    for (const [field, qualifier] of [
      ['os', 'os'],
      ['arch', 'arch'],
    ] as const) {
      const only = strings(eco.affects[field]).map((s) => s.toLowerCase());
      if (!only.length) continue;
      const given = qualifiers[qualifier]?.toLowerCase();
      const normalised = given ? (OS_ALIASES[given] ?? given) : undefined;
      if (normalised && !only.includes(normalised))
        return { applies: false, reason: `it affects only ${field} ${only.join(', ')}, not ${given}` };
      if (!normalised)
        caveats.push(`it affects only ${field} ${only.join(', ')}; the package URL does not say which`);
    }
  }
  const urgency = isObject(eco) && typeof eco.urgency === 'string' ? eco.urgency.toLowerCase() : undefined;
  if (urgency === 'unimportant')
    return { applies: true, caveats, unimportant: 'the distribution rates it unimportant (no fix planned)' };
  const ubuntu = specifics.severity?.find((s) => s.type === 'Ubuntu')?.score.toLowerCase();
  if (ubuntu === 'negligible')
    return { applies: true, caveats, unimportant: 'Ubuntu rates its priority negligible' };
  return { applies: true, caveats };
}
