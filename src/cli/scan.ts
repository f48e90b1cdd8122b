/**
 * `vigil scan FILE`: an SBOM against the knowledge base, nothing stored; the report in the format asked for,
 * on standard output or in a file, warnings on standard error, and with `--fail-on` a CI gate (exit 1).
 */
import { writeFileSync } from 'node:fs';
import { statusOf } from '../app/feed-status.js';
import { readSbomDocument } from '../app/import-sbom.js';
import type { VigilStore } from '../app/ports.js';
import { type FailOn, gateFindings, type ScanReport, scanSbom } from '../app/scan-sbom.js';
import type { ClinicalCriticality } from '../core/device.js';
import { writeVdr } from '../formats/cyclonedx/vdr.js';
import { writeSarif } from '../formats/sarif/index.js';
import { printWarnings } from './output.js';
import { artifactUri, reportFindings } from './scan-formats.js';
import type { ScanExposure, ScanFormat } from './scan-options.js';
import { gateLines, knowledgeWarnings, renderScanTable, summaryLine } from './scan-output.js';

export interface ScanCommandOptions {
  format: ScanFormat;
  failOn?: FailOn;
  criticality?: ClinicalCriticality;
  exposure?: ScanExposure;
  output?: string;
  /** Vigil's version, named in SARIF and CycloneDX reports. */
  toolVersion: string;
}

/** Raised after the report is out when findings trip `--fail-on`: the CLI's failure exit code. */
export class GateTrippedError extends Error {
  constructor(
    readonly failOn: FailOn,
    readonly count: number,
  ) {
    super(`the scan failed the gate: ${count} finding${count === 1 ? '' : 's'} trip --fail-on ${failOn}.`);
    this.name = 'GateTrippedError';
  }
}

export async function scanCommand(
  store: VigilStore,
  file: string,
  content: Buffer,
  options: ScanCommandOptions,
): Promise<void> {
  const context = {
    ...(options.criticality ? { criticality: options.criticality } : {}),
    ...(options.exposure ? { exposure: options.exposure } : {}),
  };
  const report = await scanSbom(store, { content, fileName: file }, context);
  printWarnings(report.warnings);
  for (const p of report.problems.slice(0, 10)) process.stderr.write(`warning: ${p.message}\n`);
  if (report.problems.length > 10)
    process.stderr.write(`warning: … and ${report.problems.length - 10} more that could not be matched.\n`);
  const now = new Date();
  const feeds = report.knowledge.map((source) => statusOf(source, now));
  for (const w of knowledgeWarnings(feeds)) process.stderr.write(`warning: ${w}\n`);

  const text =
    options.format === 'table'
      ? renderScanTable(report, context, feeds)
      : await render(store, report, {
          file,
          content,
          format: options.format,
          toolVersion: options.toolVersion,
          now,
        });
  if (options.output) {
    writeFileSync(options.output, text);
    process.stdout.write(
      `${file}: ${summaryLine(report.findings)} Report (${options.format}) written to ${options.output}.\n`,
    );
  } else process.stdout.write(text);

  if (options.failOn) {
    const tripped = gateFindings(report.findings, options.failOn);
    if (tripped.length) {
      for (const line of gateLines(options.failOn, tripped)) process.stderr.write(`${line}\n`);
      throw new GateTrippedError(options.failOn, tripped.length);
    }
  }
}

/** The machine-readable reports. */
async function render(
  store: VigilStore,
  report: ScanReport,
  {
    file,
    content,
    format,
    toolVersion,
    now,
  }: {
    file: string;
    content: Buffer;
    format: Exclude<ScanFormat, 'table'>;
    toolVersion: string;
    now: Date;
  },
): Promise<string> {
  const tool = { name: 'Vigil', version: toolVersion };
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'sarif':
      return writeSarif({
        tool,
        artifactUri: artifactUri(file),
        findings: await reportFindings(store, report.findings, content.toString('utf8')),
      });
    case 'cyclonedx': {
      // The scan keeps only what matching needs; the report carries the components whole, so read them again.
      const { document, content: text } = readSbomDocument({ content, fileName: file });
      return writeVdr({
        document,
        tool,
        timestamp: now.toISOString(),
        findings: await reportFindings(store, report.findings, text),
      });
    }
  }
}
