import { describe, expect, it } from 'vitest';
import { generateDemoHospital } from '../../../src/app/demo/index.js';
import { recogniseOs } from '../../../src/core/hygiene/os-recognition.js';
import { assessPatchState } from '../../../src/core/hygiene/patch-state.js';
import { INITIAL_SECURITY_CATALOGUE } from '../../../src/core/hygiene/security-catalogue.js';
import { findCatalogueEntry } from '../../../src/core/hygiene/software-checks.js';

/**
 * The demo generator's devices read through hygiene: every OS recognised, every security product known, and
 * the critical fixes it installs (generate.ts CRITICAL_KBS) seen as fixes.
 */
const TODAY = '2026-11-28';
const hospital = generateDemoHospital({ scale: 0.25, today: TODAY });

/** The demo's critical update per rule, per servicing line (its WindowsLine xp, win7, win81). */
const DEMO_FIXES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'nt-5.1': { 'ms17-010': 'KB4012598', bluekeep: 'KB4500331' },
  'nt-6.1': { 'ms17-010': 'KB4012212', bluekeep: 'KB4499175' },
  'nt-6.3': { 'ms17-010': 'KB4012213' },
};

describe("the demo hospital's devices", () => {
  it('all have an operating system hygiene recognises as one release', () => {
    for (const device of hospital.devices) {
      const result = recogniseOs(device.os!);
      expect(result.status, `${device.assetTag}: ${JSON.stringify(device.os)}`).toBe('recognised');
    }
  });

  it('all run security products the catalogue knows', () => {
    for (const device of hospital.devices)
      for (const software of device.securitySoftware)
        expect(
          findCatalogueEntry(software.product, INITIAL_SECURITY_CATALOGUE),
          software.product,
        ).toBeDefined();
  });

  it('have a critical fix exactly when the generator installed its update', () => {
    let checked = 0;
    for (const device of hospital.devices) {
      const result = recogniseOs(device.os!);
      if (result.status !== 'recognised') continue;
      const fixes = DEMO_FIXES[result.identity.servicingLine ?? ''];
      if (!fixes) continue;
      const state = assessPatchState(
        { identity: result.identity, installedUpdates: device.installedUpdates },
        TODAY,
      );
      for (const [rule, kb] of Object.entries(fixes)) {
        const outcome = state.rules.find((r) => r.rule === rule)?.outcome;
        expect(outcome, `${device.assetTag} ${rule}`).toBe(
          device.installedUpdates.includes(kb) ? 'fixed' : 'missing',
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('carry Windows 10+ fixes in a build revision the rules read', () => {
    const modern = hospital.devices
      .map((device) => recogniseOs(device.os!))
      .flatMap((r) =>
        r.status === 'recognised' && r.identity.servicingLine?.startsWith('build-') ? [r.identity] : [],
      );
    expect(modern.length).toBeGreaterThan(0);
    expect(modern.every((identity) => identity.buildRevision !== undefined)).toBe(true);
  });
});
