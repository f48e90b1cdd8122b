import type { ImportRefusedError } from '../app/errors.js';
import type { FeedStatus } from '../app/feed-status.js';
import type { ImportFeedResult } from '../app/import-feed.js';
import type { ComponentLocation } from '../app/ports.js';
import type { FeedSyncReport } from '../app/sync-feeds.js';
import { formatProblem, type Problem } from '../core/problem.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printWarnings(warnings: Problem[], limit = 20): void {
  for (const w of warnings.slice(0, limit)) process.stderr.write(`${formatProblem(w)}\n`);
  if (warnings.length > limit) process.stderr.write(`… and ${warnings.length - limit} more warnings\n`);
}

export function printRefusal(error: ImportRefusedError): void {
  process.stderr.write(`${error.message}\n`);
  for (const p of error.errors) process.stderr.write(`  ${formatProblem(p)}\n`);
  if (error.warnings.length) printWarnings(error.warnings, 10);
}

const n = (value: number) => value.toLocaleString('en');

export function printLocations(
  query: string,
  locations: ComponentLocation[],
  devicesShown: number | undefined,
): void {
  if (locations.length === 0) {
    process.stdout.write(`${query}: not found in any product version's current SBOM.\n`);
    return;
  }
  const devices = locations.reduce((sum, l) => sum + l.deviceCount, 0);
  process.stdout.write(
    `${query} is in ${n(locations.length)} product version${locations.length === 1 ? '' : 's'} and ${n(devices)} device${devices === 1 ? '' : 's'}:\n`,
  );
  for (const l of locations) {
    const pv = l.productVersion;
    process.stdout.write(
      `\n  ${pv.supplier} · ${pv.product} ${pv.version}  (product version ${pv.id}, SBOM ${pv.sbomId})\n`,
    );
    for (const c of l.components) {
      const name = c.group ? `${c.group}:${c.name}` : c.name;
      process.stdout.write(
        `    component ${name}${c.version ? `@${c.version}` : ''}${c.purl ? `  ${c.purl}` : ''}\n`,
      );
    }
    process.stdout.write(
      `    ${n(l.deviceCount)} device${l.deviceCount === 1 ? '' : 's'}${l.deviceCount ? ':' : ''}\n`,
    );
    for (const d of l.devices) {
      process.stdout.write(
        `      ${d.assetTag.padEnd(14)} ${d.site}${d.department ? ` / ${d.department}` : ''}  ${d.status}${d.ipAddress ? `  ${d.ipAddress}` : ''}\n`,
      );
    }
    const hidden = l.deviceCount - l.devices.length;
    if (hidden > 0 && devicesShown !== undefined)
      process.stdout.write(`      … and ${n(hidden)} more (--all to list every device)\n`);
  }
}

export function printFeedImport(result: ImportFeedResult): void {
  const c = result.counts;
  printWarnings(result.problems);
  const parts = [
    `${n(c.added)} added`,
    `${n(c.changed)} changed`,
    `${n(c.unchanged)} unchanged`,
    `${n(c.withdrawn)} withdrawn`,
    ...(c.removed ? [`${n(c.removed)} removed`] : []),
    ...(c.superseded ? [`${n(c.superseded)} duplicate or older`] : []),
    `${n(c.skipped)} skipped`,
  ];
  process.stdout.write(
    `${result.documentName}: ${n(c.read)} ${result.source} records read; ${parts.join(', ')}. ` +
      `The knowledge base holds ${n(result.recordCount)} ${result.source} records` +
      `${result.dataDate ? `, data as of ${result.dataDate}` : ''} (import ${result.importId}).\n`,
  );
}

export function printFeedStatus(statuses: FeedStatus[]): void {
  for (const s of statuses) {
    const state = s.stale ? 'STALE' : 'ok';
    const age = s.ageDays !== undefined ? `${s.ageDays} days old` : 'never imported';
    process.stdout.write(
      `${s.source.padEnd(5)} ${state.padEnd(6)} ${n(s.recordCount).padStart(9)} records  ${age}` +
        `${s.dataDate ? ` (data as of ${s.dataDate})` : ''}` +
        `${s.lastSuccessAt ? `, last import ${s.lastSuccessAt}` : ''}` +
        `${s.errorCount ? `, ${n(s.errorCount)} records skipped` : ''}\n`,
    );
    if (s.staleReason && s.ageDays !== undefined) process.stdout.write(`      stale: ${s.staleReason}\n`);
    if (s.lastError) process.stdout.write(`      last attempt failed (${s.lastAttemptAt}): ${s.lastError}\n`);
  }
}

const STATUS_WORDS = {
  updated: 'updated',
  'up-to-date': 'up to date',
  failed: 'FAILED',
  unsupported: 'no online sync',
} as const;

export function printFeedSync(report: FeedSyncReport): void {
  for (const s of report.sources) {
    process.stdout.write(`${s.source.padEnd(5)} ${STATUS_WORDS[s.status]}\n`);
    for (const d of s.documents) {
      const how = [
        d.mode,
        d.bytes !== undefined ? `${n(d.bytes)} bytes` : undefined,
        d.attempts && d.attempts > 1 ? `${d.attempts} attempts` : undefined,
        d.resumed ? 'resumed' : undefined,
      ].filter(Boolean);
      const c = d.import?.counts;
      const what =
        d.status === 'not-modified'
          ? 'not modified'
          : d.status === 'failed'
            ? `failed: ${d.error ?? ''}`
            : c
              ? `${n(c.read)} read; ${n(c.added)} added, ${n(c.changed)} changed, ${n(c.unchanged)} unchanged, ` +
                `${n(c.withdrawn)} withdrawn${c.removed ? `, ${n(c.removed)} removed` : ''}, ${n(c.skipped)} skipped; ` +
                `${n(d.import!.recordCount)} held`
              : 'imported';
      process.stdout.write(`      ${d.name}${how.length ? ` (${how.join(', ')})` : ''}: ${what}\n`);
      if (d.fallback) process.stdout.write(`        whole archive taken: ${d.fallback}\n`);
    }
    if (s.status === 'unsupported' && s.error) process.stdout.write(`      ${s.error}\n`);
  }
}
