/** The catalogue in force decides: an imported one replaces the built-in one for devices and gateways alike. */
import { describe, expect, it } from 'vitest';
import { HygieneAssessor } from '../../../src/core/hygiene/device-hygiene.js';
import { assessMailGateway, DEFAULT_MAIL_FILTER_POLICY } from '../../../src/core/hygiene/mail-filters.js';
import { indexLifecycles } from '../../../src/core/hygiene/os-lifecycle.js';
import {
  INITIAL_SECURITY_CATALOGUE,
  type SecurityCatalogue,
} from '../../../src/core/hygiene/security-catalogue.js';
import { DEFAULT_SECURITY_SOFTWARE_POLICY } from '../../../src/core/hygiene/security-software.js';

const TODAY = '2026-12-02';
const device = {
  os: { name: 'Windows 10 Enterprise', version: '22H2' },
  installedUpdates: [],
  patchPolicy: 'hospital-may-patch' as const,
  securitySoftware: [{ product: 'Trellix Endpoint Security', version: '10.7.0.5786', signatureDate: TODAY }],
};

/** The built-in catalogue with Trellix given a sourced latest version, as an administrator would import it. */
const imported: SecurityCatalogue = {
  asOf: '2026-11-30',
  products: INITIAL_SECURITY_CATALOGUE.products.map((p) =>
    p.id === 'trellix-endpoint-security'
      ? {
          ...p,
          latest: { version: '10.7.0.6617', asOf: '2026-11-30', source: 'Trellix ENS 10.7 release notes' },
        }
      : p.id === 'fortimail'
        ? {
            ...p,
            endOfLife: [{ versions: '6.4', date: '2025-03-31', source: 'Fortinet product life cycle' }],
          }
        : p,
  ),
};

describe('the catalogue in force', () => {
  it('holds a device’s protection to the catalogue the assessor is given', () => {
    const builtIn = new HygieneAssessor(indexLifecycles([]), TODAY).assess(device);
    expect(builtIn.protection.status).toBe('protected');
    const withImport = new HygieneAssessor(
      indexLifecycles([]),
      TODAY,
      DEFAULT_SECURITY_SOFTWARE_POLICY,
      imported,
    ).assess(device);
    expect(withImport.protection).toMatchObject({
      status: 'outdated-version',
      reasons: [expect.stringContaining('behind the latest known 10.7.0.6617 (as of 2026-11-30)')],
    });
  });

  it('holds a mail gateway’s filters to it too', () => {
    const gateway = {
      name: 'mx2.hospital.example',
      filters: [{ product: 'FortiMail', version: '6.4.8', signatureDate: TODAY }],
    };
    expect(assessMailGateway(gateway, TODAY).status).toBe('protected');
    expect(assessMailGateway(gateway, TODAY, DEFAULT_MAIL_FILTER_POLICY, imported)).toMatchObject({
      status: 'outdated-version',
      reasons: [expect.stringContaining('reached end of life on 2025-03-31')],
    });
  });
});
