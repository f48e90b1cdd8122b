/**
 * `vigil hygiene assess`: every device's operating system lifecycle, patches and protection assessed
 * against the knowledge base's end-of-life data and the security catalogue in force (core/hygiene), stored
 * with today's snapshot of the measures; and every mail gateway's filters against the same catalogue.
 * Imports of devices, end-of-life data and security catalogues run it; so does the server once a day,
 * because support ends and signatures age without anything being imported.
 */
import { HygieneAssessor } from '../core/hygiene/device-hygiene.js';
import {
  assessMailGateway,
  DEFAULT_MAIL_FILTER_POLICY,
  type MailGateway,
  type MailGatewayAssessment,
} from '../core/hygiene/mail-filters.js';
import { indexLifecycles } from '../core/hygiene/os-lifecycle.js';
import { INITIAL_SECURITY_CATALOGUE, type SecurityCatalogue } from '../core/hygiene/security-catalogue.js';
import { DEFAULT_SECURITY_SOFTWARE_POLICY } from '../core/hygiene/security-software.js';
import type { HygieneStore } from './hygiene-ports.js';
import type { KnowledgeStore } from './knowledge-ports.js';

export interface HygieneRun {
  assessedAt: string;
  devices: number;
  /** Devices per operating system status. */
  os: Record<string, number>;
  protection: Record<string, number>;
  missingCriticalUpdates: number;
  /** Which catalogue the protection and the gateways were held to. */
  catalogue: { source: CatalogueInForce['source']; asOf: string };
  /** Mail gateways, and how many per status. */
  mailGateways: { gateways: number; status: Record<string, number> };
}

/** The catalogue the assessment holds security software to: the imported one, else the built-in one. */
export interface CatalogueInForce {
  source: 'imported' | 'built-in';
  catalogue: SecurityCatalogue;
  importedAt?: string;
  fileName?: string;
  sha256?: string;
}

export async function securityCatalogueInForce(
  store: Pick<HygieneStore, 'getSecurityCatalogue'>,
): Promise<CatalogueInForce> {
  const stored = await store.getSecurityCatalogue();
  if (!stored) return { source: 'built-in', catalogue: INITIAL_SECURITY_CATALOGUE };
  return {
    source: 'imported',
    catalogue: stored.catalogue,
    importedAt: stored.importedAt,
    ...(stored.fileName ? { fileName: stored.fileName } : {}),
    sha256: stored.sha256,
  };
}

/** Each gateway's filters against the mail filter policy and the catalogue, on `today` (YYYY-MM-DD). */
export function assessMailGateways(
  gateways: readonly MailGateway[],
  today: string,
  catalogue: SecurityCatalogue,
): MailGatewayAssessment[] {
  return gateways.map((gateway) => assessMailGateway(gateway, today, DEFAULT_MAIL_FILTER_POLICY, catalogue));
}

export async function assessHygiene(
  store: HygieneStore & Pick<KnowledgeStore, 'listEolProducts'>,
  now = new Date(),
): Promise<HygieneRun> {
  const assessedAt = now.toISOString();
  const today = assessedAt.slice(0, 10);
  const inForce = await securityCatalogueInForce(store);
  const assessor = new HygieneAssessor(
    indexLifecycles(await store.listEolProducts()),
    today,
    DEFAULT_SECURITY_SOFTWARE_POLICY,
    inForce.catalogue,
  );
  const devices = await store.devicesForHygiene();
  const run: HygieneRun = {
    assessedAt,
    devices: devices.length,
    os: {},
    protection: {},
    missingCriticalUpdates: 0,
    catalogue: { source: inForce.source, asOf: inForce.catalogue.asOf },
    mailGateways: { gateways: 0, status: {} },
  };
  const assessments = devices.map((device) => {
    const hygiene = assessor.assess(device);
    run.os[hygiene.os.lifecycle.status] = (run.os[hygiene.os.lifecycle.status] ?? 0) + 1;
    run.protection[hygiene.protection.status] = (run.protection[hygiene.protection.status] ?? 0) + 1;
    if (hygiene.patches.missing.length) run.missingCriticalUpdates++;
    return {
      deviceId: device.id,
      ...(device.lastPatchDate ? { lastPatchDate: device.lastPatchDate } : {}),
      hygiene,
    };
  });
  await store.saveHygiene(assessedAt, assessments);

  // Gateways' signatures age like devices' do: assessed again with the same catalogue, on the same day.
  const gateways = assessMailGateways(await store.mailGatewaysForHygiene(), today, inForce.catalogue);
  if (gateways.length) await store.saveMailGatewayAssessments(assessedAt, gateways);
  run.mailGateways.gateways = gateways.length;
  for (const g of gateways) run.mailGateways.status[g.status] = (run.mailGateways.status[g.status] ?? 0) + 1;
  return run;
}
