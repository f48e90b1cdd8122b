/**
 * `vigil scan`'s choices, apart from the scan itself so that building the command line loads no use case
 * (main.ts imports use cases lazily, to keep `vigil --help` fast).
 */
import type { FailOn } from '../app/scan-sbom.js';
import type { Exposure } from '../core/matching/priority.js';

export const SCAN_FORMATS = ['table', 'json', 'sarif', 'cyclonedx'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** What a caller can say; `unknown` is what is assumed when they say nothing. */
export const SCAN_EXPOSURES = ['internet', 'network', 'isolated'] as const satisfies readonly Exposure[];
export type ScanExposure = (typeof SCAN_EXPOSURES)[number];

/** scan-sbom's FAIL_ON, without loading it (test/cli/scan.test.ts holds the two lists equal). */
export const FAIL_ON_CHOICES = [
  'critical',
  'high',
  'medium',
  'low',
  'kev',
] as const satisfies readonly FailOn[];
