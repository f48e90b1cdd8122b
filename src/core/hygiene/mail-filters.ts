/**
 * Spam and malware filtering per mail gateway, checked the way endpoint protection is: each filter's
 * product version and engine against the catalogue and the policy, its signature (rule, definition) date
 * against the allowed age. A gateway with no filter is unprotected; a hosted service is kept current by its
 * vendor and has nothing on site to check.
 */
import { INITIAL_SECURITY_CATALOGUE, type SecurityCatalogue } from './security-catalogue.js';
import {
  betterOf,
  checkProduct,
  findCatalogueEntry,
  type InstalledProduct,
  type ProductCheck,
  type ProductRules,
  type ProductStatus,
} from './software-checks.js';

export interface MailGateway {
  /** The gateway's name or address: `mx1.hospital.example`. */
  name: string;
  filters: readonly InstalledProduct[];
}

export type MailFilterPolicy = ProductRules;

export const DEFAULT_MAIL_FILTER_POLICY: MailFilterPolicy = {
  // Anti-spam rules change hourly; a gateway a day behind is already missing campaigns.
  maxSignatureAgeDays: 1,
  minimumVersions: {},
  requireLatestKnown: true,
};

export const MAIL_GATEWAY_STATUSES = [
  'protected',
  'missing',
  'outdated-version',
  'stale-signatures',
  'unverified',
] as const;
export type MailGatewayStatus = (typeof MAIL_GATEWAY_STATUSES)[number];

export interface MailGatewayAssessment {
  gateway: string;
  status: MailGatewayStatus;
  reasons: readonly string[];
  filters: readonly ProductCheck[];
}

export function assessMailGateway(
  gateway: MailGateway,
  today: string,
  policy: MailFilterPolicy = DEFAULT_MAIL_FILTER_POLICY,
  catalogue: SecurityCatalogue = INITIAL_SECURITY_CATALOGUE,
): MailGatewayAssessment {
  if (gateway.filters.length === 0)
    return {
      gateway: gateway.name,
      status: 'missing',
      reasons: ['no spam or malware filter reported'],
      filters: [],
    };
  const filters = gateway.filters.map((filter) =>
    checkProduct(
      filter,
      findCatalogueEntry(filter.product, catalogue, ['mail-filter', 'antivirus']),
      policy,
      today,
    ),
  );
  const best = filters.reduce<ProductStatus>((s, f) => betterOf(s, f.status), 'outdated-version');
  const decisive = filters.find((f) => f.status === best)!;
  const others = filters.filter((f) => f !== decisive && f.status !== 'ok').flatMap((f) => f.reasons);
  return {
    gateway: gateway.name,
    status: best === 'ok' ? 'protected' : best,
    reasons: [...decisive.reasons, ...others],
    filters,
  };
}
