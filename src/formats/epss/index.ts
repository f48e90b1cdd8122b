/**
 * FIRST's EPSS scores as the daily CSV publishes them: an optional first line
 * `#model_version:v2025.03.14,score_date:2025-08-16T00:00:00+0000`, a header `cve,epss,percentile`, then a
 * row per CVE. Read line by line (the file has some 300,000 rows), each line by a pure function; a bad row
 * is skipped and counted, the first few reported.
 */
import { CVE_ID, type EpssScore } from '../../core/advisories/exploitation.js';
import type { Problem } from '../../core/problem.js';

export interface EpssMetadata {
  modelVersion?: string;
  /** `YYYY-MM-DD`, from the comment line. */
  scoreDate?: string;
}

export type EpssLine =
  | { kind: 'metadata'; metadata: EpssMetadata }
  | { kind: 'header' }
  | { kind: 'blank' }
  | { kind: 'score'; score: EpssScore }
  | { kind: 'bad'; problem: Problem };

const NUMBER = /^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/;

/**
 * Reads one line of the CSV (without its line break). `line` is 1-based; the metadata comment is recognised
 * on any line before the header, the header by its column names.
 */
export function parseEpssLine(text: string, line: number, file?: string): EpssLine {
  const body = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.endsWith('\r') ? body.slice(0, -1) : body;
  if (trimmed.trim() === '') return { kind: 'blank' };
  if (trimmed.startsWith('#')) return { kind: 'metadata', metadata: metadataOf(trimmed) };
  const cells = trimmed.split(',');
  if (cells[0]?.trim().toLowerCase() === 'cve') {
    if (cells[1]?.trim().toLowerCase() !== 'epss' || cells[2]?.trim().toLowerCase() !== 'percentile')
      return bad(file, line, 'unexpected_header', `The header is "${trimmed}", not "cve,epss,percentile".`);
    return { kind: 'header' };
  }
  if (cells.length !== 3) return bad(file, line, 'bad_row', `A row has ${cells.length} cells, not 3.`);
  const [cve, epss, percentile] = cells.map((c) => c.trim()) as [string, string, string];
  if (!CVE_ID.test(cve)) return bad(file, line, 'bad_row', `"${cve.slice(0, 40)}" is not a CVE id.`);
  if (!NUMBER.test(epss))
    return bad(
      file,
      line,
      'bad_row',
      `${cve}: the score "${epss.slice(0, 40)}" is not a number from 0 to 1.`,
    );
  if (!NUMBER.test(percentile))
    return bad(
      file,
      line,
      'bad_row',
      `${cve}: the percentile "${percentile.slice(0, 40)}" is not a number from 0 to 1.`,
    );
  return { kind: 'score', score: { cveId: cve, epss: Number(epss), percentile: Number(percentile) } };
}

/** The whole CSV at once (tests, small files): the scores, the metadata, and the bad rows. */
export function parseEpssCsv(
  text: string,
  file?: string,
): { metadata: EpssMetadata; scores: EpssScore[]; problems: Problem[]; badRows: number } {
  const scores: EpssScore[] = [];
  const problems: Problem[] = [];
  let metadata: EpssMetadata = {};
  let badRows = 0;
  text.split('\n').forEach((lineText, i) => {
    const parsed = parseEpssLine(lineText, i + 1, file);
    if (parsed.kind === 'score') scores.push(parsed.score);
    else if (parsed.kind === 'metadata') metadata = { ...metadata, ...parsed.metadata };
    else if (parsed.kind === 'bad') {
      badRows++;
      problems.push(parsed.problem);
    }
  });
  return { metadata, scores, problems, badRows };
}

function metadataOf(comment: string): EpssMetadata {
  const metadata: EpssMetadata = {};
  for (const part of comment.slice(1).split(',')) {
    const colon = part.indexOf(':');
    if (colon === -1) continue;
    const key = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (key === 'model_version' && value) metadata.modelVersion = value;
    if (key === 'score_date') {
      const date = /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];
      if (date) metadata.scoreDate = date;
    }
  }
  return metadata;
}

/** The day a file's name says its scores are for (`epss_scores-2026-08-16.csv.gz`), when it says one. */
export function scoreDateFromFileName(name: string): string | undefined {
  return /epss_scores-(\d{4}-\d{2}-\d{2})\.csv(?:\.gz)?$/.exec(name)?.[1];
}

function bad(file: string | undefined, line: number, code: string, message: string): EpssLine {
  return { kind: 'bad', problem: { severity: 'warning', code, message, line, ...(file ? { file } : {}) } };
}
