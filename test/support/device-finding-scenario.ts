/**
 * A small hospital for device findings: a small NVD page (the SMBv1 CVE written as Microsoft's SMB
 * component on Windows 7, two OpenSSH CVEs) and KEV; a pump on Windows 7 whose product version has no SBOM,
 * a workstation on Windows 7 whose SBOM names its OS (and so has its SMBv1 finding from the SBOM), and a
 * gateway an nmap scan saw with OpenSSH 7.4 on port 22.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importExposure } from '../../src/app/import-exposure.js';
import { importFeed } from '../../src/app/import-feed.js';
import { importSbom } from '../../src/app/import-sbom.js';
import { matchFindings } from '../../src/app/match-findings.js';
import type { VigilStore } from '../../src/app/ports.js';
import { device } from './builders.js';

export const NVD_FIXTURE = new URL('../fixtures/nvd/device-findings.json', import.meta.url).pathname;
export const KEV_FIXTURE = new URL('../fixtures/kev/catalogue.json', import.meta.url).pathname;

export const PUMP = 'PUMP-0001';
export const WORKSTATION = 'WS-0001';
export const GATEWAY = 'GW-0001';
export const GATEWAY_IP = '10.20.0.3';

const WINDOWS_7 = { name: 'Windows 7 Professional', version: '6.1', edition: 'SP1' };

function workstationSbom(): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    serialNumber: 'urn:uuid:6f0c6bb0-7d2f-4c51-9a55-1d3c2b8f0a11',
    metadata: {
      component: { type: 'device', name: 'Imaging Workstation', version: '2.0', 'bom-ref': 'root' },
      supplier: { name: 'Lifecycle Medical' },
    },
    components: [
      {
        type: 'operating-system',
        'bom-ref': 'os',
        name: 'Windows 7 Professional',
        version: '6.1 SP1',
        cpe: 'cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*',
      },
    ],
    dependencies: [{ ref: 'root', dependsOn: ['os'] }],
  });
}

/** nmap's XML for the gateway seen `minutesAgo` ago, with port 22 open (OpenSSH 7.4) or closed. */
export function gatewayScan(minutesAgo: number, ssh: 'open' | 'closed'): string {
  const start = Math.floor(Date.now() / 1000) - minutesAgo * 60;
  const port =
    ssh === 'open'
      ? '<port protocol="tcp" portid="22"><state state="open" reason="syn-ack"/><service name="ssh" product="OpenSSH" version="7.4" extrainfo="protocol 2.0" method="probe" conf="10"><cpe>cpe:/a:openbsd:openssh:7.4</cpe></service></port>'
      : '<port protocol="tcp" portid="22"><state state="closed" reason="reset"/><service name="ssh" method="table" conf="3"/></port>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -sV -oX scan.xml ${GATEWAY_IP}" start="${start}" version="7.94" xmloutputversion="1.05">
<host starttime="${start}" endtime="${start + 30}"><status state="up" reason="syn-ack"/>
<address addr="${GATEWAY_IP}" addrtype="ipv4"/>
<ports>${port}</ports>
</host>
<runstats><finished time="${start + 30}" exit="success"/><hosts up="1" down="0" total="1"/></runstats>
</nmaprun>
`;
}

export async function importGatewayScan(
  store: VigilStore,
  dir: string,
  minutesAgo: number,
  ssh: 'open' | 'closed',
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `gateway-${minutesAgo}-${ssh}.xml`);
  writeFileSync(path, gatewayScan(minutesAgo, ssh));
  await importExposure(store, { source: 'nmap', path, fileName: 'gateway.xml' });
}

/** Loads the scenario; the gateway's scan an hour ago saw OpenSSH 7.4 answering. */
export async function loadDeviceFindingScenario(store: VigilStore, dir: string): Promise<void> {
  await importFeed(store, { source: 'nvd', path: NVD_FIXTURE });
  await importFeed(store, { source: 'kev', path: KEV_FIXTURE });
  await importSbom(store, { content: Buffer.from(workstationSbom()), fileName: 'workstation.cdx.json' });
  await store.upsertDevices([
    device(PUMP, {
      manufacturer: 'Lifecycle Medical',
      model: 'Legacy Pump',
      softwareVersion: '1.0',
      clinicalCriticality: 'life-critical',
      os: WINDOWS_7,
      networkIdentities: [{ ipAddress: '10.20.0.1' }],
    }),
    device(WORKSTATION, {
      manufacturer: 'Lifecycle Medical',
      model: 'Imaging Workstation',
      softwareVersion: '2.0',
      clinicalCriticality: 'medium',
      os: WINDOWS_7,
      networkIdentities: [{ ipAddress: '10.20.0.2' }],
    }),
    device(GATEWAY, {
      manufacturer: 'Lifecycle Medical',
      model: 'Gateway',
      softwareVersion: '3.0',
      site: 'North Campus',
      clinicalCriticality: 'low',
      networkIdentities: [{ ipAddress: GATEWAY_IP }],
    }),
  ]);
  await matchFindings(store, { kind: 'all' });
  await importGatewayScan(store, dir, 60, 'open');
}
