import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate } from '../../../src/core/hygiene/dates.js';
import type { OsIdentity } from '../../../src/core/hygiene/os-identity.js';
import {
  type ExtendedSupportEnrolment,
  indexLifecycles,
  type LifecycleIndex,
  osLifecycleStatus,
} from '../../../src/core/hygiene/os-lifecycle.js';
import { recogniseOs } from '../../../src/core/hygiene/os-recognition.js';
import type { LifecycleProduct } from '../../../src/core/lifecycle.js';
import { parseEolProductFile } from '../../../src/formats/eol/index.js';
import { corpusDir, describeCorpus } from '../../support/corpus.js';

const identity = (text: string): OsIdentity => {
  const result = recogniseOs(text);
  if (result.status !== 'recognised') throw new Error(`${text}: ${result.status}`);
  return result.identity;
};

/** Small products shaped like endoflife.date's, for tests that must run without the shared data. */
const FIXTURES: readonly LifecycleProduct[] = [
  {
    name: 'windows',
    identifiers: [],
    releases: [
      { cycle: '7-sp1', label: '7 SP1', eol: '2020-01-14' },
      { cycle: '8.1', label: '8.1', eol: '2023-01-10' },
      { cycle: '10-22h2', label: '10 22H2', eol: '2025-10-14', extendedSupport: '2028-10-10' },
      { cycle: '10-1909-w', label: '10 1909 (W)', eol: '2021-05-11' },
      { cycle: '10-1909-e', label: '10 1909 (E)', eol: '2022-05-10' },
      { cycle: '10-21h2-w', label: '10 21H2 (W)', eol: '2023-06-13' },
      { cycle: '10-21h2-e', label: '10 21H2 (E)', eol: '2024-06-11' },
      { cycle: '10-21h2-iot-lts', label: '10 21H2 IoT', eol: '2032-01-13', lts: true },
    ],
  },
  {
    name: 'windows-embedded',
    identifiers: [],
    releases: [
      { cycle: 'standard-7-sp1', eol: '2020-10-13' },
      { cycle: 'posready-7', eol: '2021-10-12' },
    ],
  },
  {
    name: 'windows-server',
    identifiers: [],
    releases: [
      { cycle: '2008-r2-sp1', eol: '2020-01-14', extendedSupport: '2023-01-10' },
      { cycle: '2012-r2', eol: '2023-10-10', extendedSupport: '2026-10-13' },
    ],
  },
  {
    name: 'debian',
    identifiers: [],
    releases: [
      { cycle: '11', eol: '2024-08-14', extendedSupport: '2026-08-31' },
      { cycle: '12', eol: '2026-07-11', extendedSupport: '2028-06-30' },
    ],
  },
  {
    name: 'ubuntu',
    identifiers: [],
    releases: [{ cycle: '20.04', eol: '2025-05-31', extendedSupport: '2030-04-02', lts: true }],
  },
  {
    name: 'yocto',
    identifiers: [],
    releases: [
      { cycle: '2.7', eol: '2020-06-01' },
      { cycle: '4.0', eol: '2026-04-27' },
    ],
  },
  { name: 'macos', identifiers: [], releases: [{ cycle: '15', eol: false }] },
];

const ENROLLED: ExtendedSupportEnrolment = { enrolled: true };

describe('OS lifecycle status (hand-made lifecycles)', () => {
  const index = indexLifecycles(FIXTURES);
  const status = (text: string, today: string, enrolment?: ExtendedSupportEnrolment) =>
    osLifecycleStatus(identity(text), index, today, enrolment);

  it('counts the end date itself as supported and the next day as unsupported', () => {
    expect(status('Windows 10 IoT Enterprise LTSC 2021', '2032-01-13')).toMatchObject({
      status: 'supported',
      endOfSupport: '2032-01-13',
      daysLeft: 0,
    });
    expect(status('Windows 10 IoT Enterprise LTSC 2021', '2032-01-14')).toMatchObject({
      status: 'unsupported',
      daysPast: 1,
    });
  });

  it('marks a device unsupported after its OS end of support, with the days past it and the source cycle', () => {
    expect(status('Windows 8.1 Pro', '2024-01-10')).toMatchObject({
      status: 'unsupported',
      endOfSupport: '2023-01-10',
      daysPast: 365,
      source: { product: 'windows', cycle: '8.1', origin: 'endoflife.date' },
    });
  });

  it('gives an enrolled device extended security updates until the ESU date, then unsupported', () => {
    expect(status('Windows Server 2012 R2', '2025-01-01', ENROLLED)).toMatchObject({
      status: 'extended-security-updates',
      endOfSupport: '2026-10-13',
      extendedSupport: { until: '2026-10-13', requiresEnrolment: true, enrolled: true },
    });
    expect(status('Windows Server 2012 R2', '2026-10-14', ENROLLED)).toMatchObject({
      status: 'unsupported',
      endOfSupport: '2026-10-13',
      daysPast: 1,
    });
  });

  it('leaves a device that is not enrolled unsupported at end of support, saying ESU was available', () => {
    const result = status('Windows Server 2012 R2', '2025-01-01');
    expect(result).toMatchObject({ status: 'unsupported', endOfSupport: '2023-10-10' });
    expect(result.reason).toContain('not enrolled');
  });

  it('never runs extended updates past the day they are paid for', () => {
    expect(
      status('Windows Server 2012 R2', '2025-06-01', { enrolled: true, paidThrough: '2025-01-31' }),
    ).toMatchObject({ status: 'unsupported', endOfSupport: '2025-01-31' });
  });

  describe('Windows ESU rules the data does not carry', () => {
    it('ends Windows 7 ESU on 2023-01-10', () => {
      expect(status('Windows 7 Professional SP1', '2022-06-01', ENROLLED)).toMatchObject({
        status: 'extended-security-updates',
        endOfSupport: '2023-01-10',
      });
      expect(status('Windows 7 Professional SP1', '2023-01-11', ENROLLED).status).toBe('unsupported');
    });

    it('ends Embedded Standard 7 ESU on its own later date, 2023-10-10', () => {
      expect(status('WES7', '2023-06-01', ENROLLED)).toMatchObject({
        status: 'extended-security-updates',
        endOfSupport: '2023-10-10',
      });
    });

    it('ends POSReady 7 ESU on 2024-10-08', () => {
      expect(status('POSReady 7', '2024-10-08', ENROLLED)).toMatchObject({
        status: 'extended-security-updates',
        daysLeft: 0,
      });
    });

    it('gives Server 2008 R2 on Azure a fourth year, to 2024-01-09', () => {
      expect(status('Windows Server 2008 R2 SP1', '2023-06-01', ENROLLED).status).toBe('unsupported');
      expect(
        status('Windows Server 2008 R2 SP1', '2023-06-01', { enrolled: true, channel: 'azure' }),
      ).toMatchObject({
        status: 'extended-security-updates',
        endOfSupport: '2024-01-09',
      });
    });

    it("gives Windows 10 22H2 consumers one year of ESU and businesses endoflife.date's three", () => {
      expect(
        status('Windows 10 Home 22H2', '2027-01-01', { enrolled: true, channel: 'consumer' }),
      ).toMatchObject({
        status: 'unsupported',
        endOfSupport: '2026-10-13',
      });
      expect(status('Windows 10 Enterprise 22H2', '2027-01-01', ENROLLED)).toMatchObject({
        status: 'extended-security-updates',
        endOfSupport: '2028-10-10',
      });
    });
  });

  it('gives Debian LTS to every device, without enrolment', () => {
    expect(status('Debian GNU/Linux 11 (bullseye)', '2025-01-01')).toMatchObject({
      status: 'extended-security-updates',
      endOfSupport: '2026-08-31',
      extendedSupport: { programme: 'Debian LTS', requiresEnrolment: false },
    });
  });

  it('requires Ubuntu Pro for Expanded Security Maintenance', () => {
    expect(status('Ubuntu 20.04.6 LTS', '2026-01-01').status).toBe('unsupported');
    expect(status('Ubuntu 20.04.6 LTS', '2026-01-01', ENROLLED).status).toBe('extended-security-updates');
  });

  it('answers for every edition when the edition is not stated and they agree', () => {
    const result = status('Windows 10 1909', '2023-01-01');
    expect(result).toMatchObject({ status: 'unsupported', endOfSupport: '2022-05-10' });
    expect(result.alternatives).toHaveLength(2);
  });

  it('says unknown when the editions disagree', () => {
    const result = status('Windows 10 21H2', '2024-01-01');
    expect(result.status).toBe('unknown');
    expect(result.reason).toContain('edition');
  });

  it('says an RTOS has no public lifecycle rather than inventing one', () => {
    expect(osLifecycleStatus(identity('VxWorks 6.9'), index, '2025-01-01')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('supplier'),
    });
  });

  it('infers that a cycle older than every listed, ended one has ended, without a date', () => {
    const result = status('Yocto Project 2.4 (rocko)', '2025-01-01');
    expect(result).toMatchObject({ status: 'unsupported', source: { origin: 'inferred' } });
    expect(result.endOfSupport).toBeUndefined();
  });

  it('does not infer anything for an unlisted cycle newer than the oldest', () => {
    expect(status('Yocto Project 3.1 (dunfell)', '2025-01-01').status).toBe('unknown');
  });

  it('says unknown when the product is not loaded at all', () => {
    expect(status('CentOS 7', '2025-01-01')).toMatchObject({ status: 'unknown' });
  });

  it('reads `eol: false` as supported with no date', () => {
    const result = status('macOS 15 Sequoia', '2025-01-01');
    expect(result.status).toBe('supported');
    expect(result.endOfSupport).toBeUndefined();
  });

  it('uses the supplement for releases endoflife.date does not list, naming its source', () => {
    expect(status('Windows XP Embedded SP3', '2020-01-01')).toMatchObject({
      status: 'unsupported',
      endOfSupport: '2016-01-12',
      source: { origin: 'supplement', link: expect.stringContaining('learn.microsoft.com') },
    });
  });

  it('prefers the data over the supplement when both have a cycle', () => {
    const own: LifecycleIndex = indexLifecycles([
      {
        name: 'windows-embedded',
        identifiers: [],
        releases: [{ cycle: 'xp-embedded-sp3', eol: '2099-01-01' }],
      },
    ]);
    expect(osLifecycleStatus(identity('XPe SP3'), own, '2020-01-01')).toMatchObject({
      status: 'supported',
      source: { origin: 'endoflife.date' },
    });
  });
});

describe('hygiene dates', () => {
  it('counts calendar days across leap years and refuses impossible dates', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(isIsoDate('2023-02-30')).toBe(false);
    expect(daysBetween('yesterday', '2024-01-01')).toBeUndefined();
  });
});

describeCorpus('OS lifecycle status against the shared endoflife.date data', () => {
  let index: LifecycleIndex;
  beforeAll(() => {
    const dir = join(corpusDir, 'eol', 'products');
    const products = readdirSync(dir)
      .filter((file) => file.endsWith('.md'))
      .map((file) => {
        const parsed = parseEolProductFile(readFileSync(join(dir, file), 'utf8'), {
          file,
          name: file.slice(0, -3),
        });
        if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.map((e) => e.message).join('; ')}`);
        return parsed.value.product;
      });
    index = indexLifecycles(products);
  });

  const TODAY = '2026-11-28';
  it.each([
    ['Windows XP Embedded SP3', false, 'unsupported', '2016-01-12'],
    ['Windows 7 Embedded Standard SP1', false, 'unsupported', '2020-10-13'],
    ['Windows Embedded Standard 7', true, 'unsupported', '2023-10-10'],
    ['Windows 8.1 Industry Pro', false, 'unsupported', '2023-07-11'],
    ['Windows 10 IoT Enterprise LTSB 2016', false, 'unsupported', '2026-10-13'],
    ['Windows 10 IoT Enterprise LTSC 2019', false, 'supported', '2029-01-09'],
    ['Windows 10 Enterprise LTSC 2021', false, 'supported', '2027-01-12'],
    ['Windows 10 IoT Enterprise LTSC 2021', false, 'supported', '2032-01-13'],
    ['Windows 11 IoT Enterprise LTSC 2024', false, 'supported', '2034-10-10'],
    ['Windows Server 2008 R2 Standard SP1', true, 'unsupported', '2023-01-10'],
    ['Windows Server 2012 R2', true, 'unsupported', '2026-10-13'],
    ['Windows Server 2016', false, 'supported', '2027-01-12'],
    ['Windows Server 2019', false, 'supported', '2029-01-09'],
    ['Windows Server 2022', false, 'supported', '2031-10-14'],
    ['Windows 10 Enterprise 22H2', true, 'extended-security-updates', '2028-10-10'],
    ['Windows 10 Pro 22H2', false, 'unsupported', '2025-10-14'],
    ['Debian GNU/Linux 9 (stretch)', false, 'unsupported', '2022-07-01'],
    ['Debian GNU/Linux 12 (bookworm)', false, 'extended-security-updates', '2028-06-30'],
    ['Ubuntu 18.04.6 LTS', true, 'extended-security-updates', '2028-04-01'],
    ['CentOS Linux release 7.9.2009 (Core)', false, 'unsupported', '2024-06-30'],
    ['Red Hat Enterprise Linux 8.8 (Ootpa)', false, 'supported', '2029-05-31'],
    ['Yocto Project 4.0 (kirkstone)', false, 'unsupported', '2026-04-27'],
  ] as const)('%s (ESU enrolled: %s) is %s, deciding date %s', (text, enrolled, expected, date) => {
    expect(osLifecycleStatus(identity(text), index, TODAY, { enrolled })).toMatchObject({
      status: expected,
      endOfSupport: date,
    });
  });

  it('finds a cycle in the data or the supplement for every release recognition maps to one', () => {
    const texts = [
      'Windows XP SP2',
      'Windows Vista SP1',
      'Windows 7 Ultimate RTM',
      'Windows Server 2008 SP1',
      'Windows Server 2003 R2 SP2',
      'POSReady 2009',
      'WES 2009',
      'WEPOS',
      'Windows Embedded 8 Standard',
      'Windows CE 6.0',
      'Windows Embedded Compact 2013',
      'Windows 10 Enterprise LTSB 2015',
      'Windows 11 Pro 25H2',
      'Windows Server, version 1809',
      'Windows Server 2025',
      'SUSE Linux Enterprise Server 15 SP4',
      'Alpine Linux v3.18',
      'CentOS Stream 9',
      'Linux 4.14',
      'macOS 13 Ventura',
    ];
    for (const text of texts)
      expect(osLifecycleStatus(identity(text), index, TODAY).status, text).not.toBe('unknown');
  });
});
