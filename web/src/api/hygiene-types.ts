/**
 * What the API answers about security software beyond devices (src/server/api/hygiene/schema.ts): the mail
 * gateways with their filters, their counts in the hygiene summary, and the security catalogue in force.
 * Only types are shared with src/.
 */
import type { MailGatewayStatus } from '../../../src/core/hygiene/mail-filters.js';
import type { OsFamily } from '../../../src/core/hygiene/os-identity.js';
import type { ProtectionKind } from '../../../src/core/hygiene/security-catalogue.js';
import type { ProductStatus } from '../../../src/core/hygiene/software-checks.js';
import type { HygieneRun, HygieneSummary } from './types.js';

export type { MailGatewayStatus, ProductStatus, ProtectionKind };

/** GET /hygiene/summary, with the mail gateways counted apart from devices. */
export interface HygieneSummaryWithGateways extends HygieneSummary {
  mailGateways: MailGatewayCounts;
}

export interface MailGatewayCounts {
  /** Absent until gateways are imported. */
  assessedAt?: string;
  total: number;
  notProtected: number;
  byStatus: Record<MailGatewayStatus, number>;
}

/** A gateway's filter as imported, with what its check found. */
export interface MailGatewayFilter {
  product: string;
  version?: string;
  engineVersion?: string;
  signatureDate?: string;
  catalogueId?: string;
  kind?: ProtectionKind;
  status: ProductStatus;
  reasons: string[];
  /** Days old at the assessment. */
  signatureAgeDays?: number;
}

export interface MailGateway {
  name: string;
  status: MailGatewayStatus;
  reasons: string[];
  assessedAt: string;
  filters: MailGatewayFilter[];
}

/** GET /hygiene/gateways */
export interface MailGatewayList {
  imported?: { importedAt: string; fileName?: string; sha256: string };
  assessedAt?: string;
  items: MailGateway[];
}

/** POST /hygiene/assess, with the catalogue used and the gateways assessed. */
export interface HygieneRunWithGateways extends HygieneRun {
  catalogue: { source: CatalogueSource; asOf: string };
  mailGateways: { gateways: number; status: Record<string, number> };
}

export type CatalogueSource = 'imported' | 'built-in';

export interface SecurityProduct {
  id: string;
  label: string;
  vendor: string;
  names: string[];
  kind: ProtectionKind;
  signatures: boolean;
  hosted?: boolean;
  unversioned?: boolean;
  platforms: OsFamily[];
  latest?: { version: string; asOf: string; source: string };
  endOfLife?: { versions: string; date: string; source: string }[];
}

/** GET /hygiene/catalogue */
export interface CatalogueInForce {
  source: CatalogueSource;
  importedAt?: string;
  fileName?: string;
  sha256?: string;
  catalogue: { asOf: string; products: SecurityProduct[] };
}
