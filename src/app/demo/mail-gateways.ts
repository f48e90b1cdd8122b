/**
 * The demo health system's mail gateways, as data: one keeping its filters current, one whose anti-spam
 * rules stopped updating a week and a half ago, and the hosted service that filters the staff's cloud
 * mailboxes. Signature dates are written as ages, counted back from the day the demo is loaded, so the
 * current gateway is current whenever the demo starts; from then on they age like any imported date.
 */
import { addDays } from '../../core/hygiene/dates.js';

interface DemoMailFilter {
  product: string;
  version?: string;
  engineVersion?: string;
  /** Days before the load day; absent for a hosted service, which has no signatures on site. */
  signatureAgeDays?: number;
}

const DEMO_MAIL_GATEWAYS: readonly { name: string; filters: readonly DemoMailFilter[] }[] = [
  {
    name: 'mx1.med.example.org',
    filters: [
      {
        product: 'Cisco Secure Email Gateway',
        version: '15.5.1-055',
        engineVersion: '3.0.2.1',
        signatureAgeDays: 0,
      },
    ],
  },
  {
    name: 'mx2.med.example.org',
    filters: [
      {
        product: 'FortiMail',
        version: '7.2.6',
        engineVersion: '6.4.291',
        signatureAgeDays: 11,
      },
    ],
  },
  {
    name: 'Microsoft 365 (med.example.org)',
    filters: [{ product: 'Exchange Online Protection' }],
  },
];

/** The gateways as the JSON file an administrator would import, dated from `today` (YYYY-MM-DD). */
export function demoMailGatewaysFile(today: string): string {
  return `${JSON.stringify(
    {
      description: 'The demo health system’s mail gateways',
      gateways: DEMO_MAIL_GATEWAYS.map((g) => ({
        name: g.name,
        filters: g.filters.map(({ signatureAgeDays, ...filter }) => ({
          ...filter,
          ...(signatureAgeDays !== undefined ? { signatureDate: addDays(today, -signatureAgeDays) } : {}),
        })),
      })),
    },
    null,
    2,
  )}\n`;
}
