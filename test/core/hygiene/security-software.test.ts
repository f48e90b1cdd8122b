import { describe, expect, it } from 'vitest';
import type { SecuritySoftware } from '../../../src/core/device.js';
import { assessMailGateway, DEFAULT_MAIL_FILTER_POLICY } from '../../../src/core/hygiene/mail-filters.js';
import { INITIAL_SECURITY_CATALOGUE } from '../../../src/core/hygiene/security-catalogue.js';
import {
  assessProtection,
  DEFAULT_SECURITY_SOFTWARE_POLICY,
  type ProtectionInput,
  type SecuritySoftwarePolicy,
} from '../../../src/core/hygiene/security-software.js';
import { findCatalogueEntry, signatureFinding } from '../../../src/core/hygiene/software-checks.js';

const TODAY = '2026-11-28';
const windows = (software: SecuritySoftware[], extra: Partial<ProtectionInput> = {}): ProtectionInput => ({
  family: 'windows',
  patchPolicy: 'hospital-may-patch',
  securitySoftware: software,
  ...extra,
});
const defender = (signatureDate?: string, version = '4.18.24090.11'): SecuritySoftware => ({
  product: 'Microsoft Defender Antivirus',
  version,
  ...(signatureDate ? { signatureDate } : {}),
});

describe('signature age against the policy', () => {
  it('accepts signatures exactly as old as the policy allows, and not a day more', () => {
    expect(signatureFinding('2026-11-21', 7, TODAY)).toEqual({ age: 7 });
    expect(signatureFinding('2026-11-20', 7, TODAY)).toMatchObject({
      age: 8,
      finding: { status: 'stale-signatures', reason: 'signatures 8 days old (policy: at most 7)' },
    });
  });

  it("accepts today's signatures with a policy of zero days", () => {
    expect(signatureFinding(TODAY, 0, TODAY)).toEqual({ age: 0 });
    expect(signatureFinding('2026-11-27', 0, TODAY).finding?.status).toBe('stale-signatures');
  });

  it('cannot vouch for a date that is missing, unreadable or in the future', () => {
    expect(signatureFinding(undefined, 7, TODAY).finding?.status).toBe('unverified');
    expect(signatureFinding('2026-13-01', 7, TODAY).finding?.status).toBe('unverified');
    expect(signatureFinding('2026-11-29', 7, TODAY).finding).toMatchObject({
      status: 'unverified',
      reason: expect.stringContaining('future'),
    });
  });
});

describe('endpoint protection per device', () => {
  it('finds a current, recently updated product protected', () => {
    expect(assessProtection(windows([defender('2026-11-27')]), TODAY)).toMatchObject({
      status: 'protected',
      products: [{ catalogueId: 'microsoft-defender-antivirus', signatureAgeDays: 1, status: 'ok' }],
    });
  });

  it('flags missing protection on Windows', () => {
    expect(assessProtection(windows([]), TODAY)).toMatchObject({
      status: 'missing',
      reasons: ['no security software reported'],
    });
  });

  it('does not require protection on an RTOS, or on families the policy leaves out', () => {
    expect(assessProtection({ family: 'rtos', securitySoftware: [] }, TODAY)).toMatchObject({
      status: 'not-required',
      reasons: ['not applicable on an RTOS'],
    });
    expect(assessProtection({ family: 'linux', securitySoftware: [] }, TODAY).status).toBe('not-required');
  });

  it('flags stale signatures with their age', () => {
    const result = assessProtection(windows([defender('2026-10-01')]), TODAY);
    expect(result).toMatchObject({
      status: 'stale-signatures',
      reasons: ['signatures 58 days old (policy: at most 7)'],
    });
  });

  it('flags a version past its vendor end of life', () => {
    const result = assessProtection(
      windows([
        { product: 'McAfee VirusScan Enterprise', version: '8.8.0.2024', signatureDate: '2026-11-27' },
      ]),
      TODAY,
    );
    expect(result.status).toBe('outdated-version');
    expect(result.reasons[0]).toContain('end of life on 2021-12-31');
  });

  it('flags a version behind the latest known, unless the policy accepts that', () => {
    const old = windows([defender('2026-11-27', '4.18.23110.3')]);
    expect(assessProtection(old, TODAY).status).toBe('outdated-version');
    expect(
      assessProtection(old, TODAY, { ...DEFAULT_SECURITY_SOFTWARE_POLICY, requireLatestKnown: false }).status,
    ).toBe('protected');
  });

  it("flags a version below the hospital's minimum", () => {
    const policy: SecuritySoftwarePolicy = {
      ...DEFAULT_SECURITY_SOFTWARE_POLICY,
      minimumVersions: { 'trellix-endpoint-security': '10.7.0.6000' },
    };
    const result = assessProtection(
      windows([
        { product: 'Trellix Endpoint Security', version: '10.7.0.5786', signatureDate: '2026-11-28' },
      ]),
      TODAY,
      policy,
    );
    expect(result).toMatchObject({ status: 'outdated-version' });
    expect(result.reasons[0]).toContain("below the policy's minimum 10.7.0.6000");
  });

  it('does not hold a signature date against an EDR agent that has no signatures', () => {
    expect(
      assessProtection(windows([{ product: 'CrowdStrike Falcon Sensor', version: '7.18.18906.0' }]), TODAY)
        .status,
    ).toBe('protected');
  });

  it('counts application allowlisting only on locked-down devices by default', () => {
    const allowlisting = [{ product: 'Carbon Black App Control', version: '8.10.2' }];
    expect(assessProtection(windows(allowlisting, { patchPolicy: 'no-patching' }), TODAY).status).toBe(
      'protected',
    );
    const open = assessProtection(windows(allowlisting), TODAY);
    expect(open.status).toBe('missing');
    expect(open.reasons[0]).toContain('only application allowlisting');
    expect(
      assessProtection(windows(allowlisting), TODAY, {
        ...DEFAULT_SECURITY_SOFTWARE_POLICY,
        allowlistingCounts: 'always',
      }).status,
    ).toBe('protected');
  });

  it('lets the best product decide and still lists the others’ problems', () => {
    const result = assessProtection(
      windows([
        { product: 'Symantec Endpoint Protection', version: '12.1.7266.6800', signatureDate: '2025-01-01' },
        defender('2026-11-28'),
      ]),
      TODAY,
    );
    expect(result.status).toBe('protected');
    expect(result.reasons.join(' ')).toContain('Endpoint Protection 12.1.7266.6800');
  });

  it('cannot verify a product the catalogue does not know', () => {
    expect(assessProtection(windows([{ product: 'Acme Shield', version: '1.0' }]), TODAY)).toMatchObject({
      status: 'unverified',
      reasons: [expect.stringContaining('not in the security catalogue')],
    });
  });

  it('cannot say whether protection was required when the OS is not recognised', () => {
    expect(assessProtection({ securitySoftware: [] }, TODAY).status).toBe('unverified');
  });

  it('exempts device types the policy names', () => {
    const policy = { ...DEFAULT_SECURITY_SOFTWARE_POLICY, exemptDeviceTypes: ['infusion-pump'] };
    expect(assessProtection(windows([], { deviceType: 'infusion-pump' }), TODAY, policy).status).toBe(
      'not-required',
    );
  });

  it("recognises the demo's products by the names it gives them", () => {
    for (const name of [
      'McAfee VirusScan Enterprise',
      'Symantec Endpoint Protection',
      'Trellix Endpoint Security',
      'Microsoft Defender Antivirus',
      'CrowdStrike Falcon Sensor',
      'Sophos Intercept X',
      'Trend Micro Apex One',
    ])
      expect(findCatalogueEntry(name, INITIAL_SECURITY_CATALOGUE), name).toBeDefined();
  });

  it('matches the longest catalogue name, at a word boundary', () => {
    expect(findCatalogueEntry('Microsoft Defender for Endpoint', INITIAL_SECURITY_CATALOGUE)?.id).toBe(
      'microsoft-defender-for-endpoint',
    );
    expect(findCatalogueEntry('Microsoft Defender Antivirus', INITIAL_SECURITY_CATALOGUE)?.id).toBe(
      'microsoft-defender-antivirus',
    );
    expect(findCatalogueEntry('Esetter Pro', INITIAL_SECURITY_CATALOGUE)).toBeUndefined();
  });
});

describe('mail gateway filters', () => {
  it('flags a gateway with no filter', () => {
    expect(assessMailGateway({ name: 'mx1', filters: [] }, TODAY).status).toBe('missing');
  });

  it('flags anti-spam rules older than a day', () => {
    const result = assessMailGateway(
      {
        name: 'mx1',
        filters: [{ product: 'Cisco Secure Email Gateway', version: '15.0.1', signatureDate: '2026-11-26' }],
      },
      TODAY,
    );
    expect(result).toMatchObject({
      status: 'stale-signatures',
      reasons: ['signatures 2 days old (policy: at most 1)'],
    });
  });

  it('checks the engine version when the policy sets a minimum', () => {
    const policy = { ...DEFAULT_MAIL_FILTER_POLICY, minimumEngineVersions: { fortimail: '7.4' } };
    const filter = { product: 'FortiMail', version: '7.4.3', engineVersion: '7.2.1', signatureDate: TODAY };
    expect(assessMailGateway({ name: 'mx2', filters: [filter] }, TODAY, policy)).toMatchObject({
      status: 'outdated-version',
      reasons: [expect.stringContaining('engine 7.2.1')],
    });
  });

  it('has nothing on site to check for a hosted service', () => {
    expect(
      assessMailGateway({ name: 'tenant', filters: [{ product: 'Exchange Online Protection' }] }, TODAY),
    ).toMatchObject({
      status: 'protected',
      reasons: [expect.stringContaining('hosted service')],
    });
  });
});
