/**
 * Linux distributions as data: how each is named, how its release is written, its codenames, the
 * endoflife.date product that dates it and the CPE product NVD names it by. Codenames are needed because
 * inventories and /etc/os-release often give only them ("bullseye", "Jammy", "kirkstone").
 *
 * Sources: endoflife.date product files (debian.md, ubuntu.md, rhel.md, centos.md, centos-stream.md,
 * rocky-linux.md, almalinux.md, oracle-linux.md, sles.md, alpine-linux.md, yocto.md, linux-kernel.md) for
 * cycles, codenames and CPEs; the Yocto Project's release list (https://wiki.yoctoproject.org/wiki/Releases)
 * for the codenames of releases older than endoflife.date lists (2.6 Thud and before).
 */

export interface Distribution {
  /** Canonical product id, also the endoflife.date product id. */
  id: string;
  label: string;
  vendor: string;
  /** Recognises the distribution's name in normalised text. */
  name: RegExp;
  /** Captures the release after the name: group 1 major, group 2 minor (optional). */
  release: RegExp;
  /** The endoflife.date cycle for a major and minor. */
  cycle: (major: string, minor?: string) => string;
  /** Lowercased codename → cycle. */
  codenames?: Readonly<Record<string, string>>;
  /** CPE 2.3 for a cycle. */
  cpe: (cycle: string) => string;
}

const major = (m: string) => m;

export const DISTRIBUTIONS: readonly Distribution[] = [
  {
    id: 'debian',
    label: 'Debian',
    vendor: 'Debian Project',
    name: /\bdebian\b/,
    release: /\bdebian(?: gnu\/linux| linux)?(?: release)? ?(\d{1,2})(?:\.(\d{1,2}))?\b/,
    cycle: major,
    codenames: {
      squeeze: '6',
      wheezy: '7',
      jessie: '8',
      stretch: '9',
      buster: '10',
      bullseye: '11',
      bookworm: '12',
      trixie: '13',
    },
    // NVD names Debian releases `9.0`, `10.0`…
    cpe: (cycle) => `cpe:2.3:o:debian:debian_linux:${cycle}.0:*:*:*:*:*:*:*`,
  },
  {
    id: 'ubuntu',
    label: 'Ubuntu',
    vendor: 'Canonical',
    name: /\bubuntu\b/,
    release: /\bubuntu(?: linux| server| core| desktop)? ?(\d{2}\.(?:04|10))(?:\.(\d{1,2}))?\b/,
    cycle: major,
    codenames: {
      trusty: '14.04',
      xenial: '16.04',
      bionic: '18.04',
      focal: '20.04',
      jammy: '22.04',
      noble: '24.04',
      resolute: '26.04',
    },
    // Even-year April releases are LTS, which NVD marks in sw_edition.
    cpe: (cycle) =>
      `cpe:2.3:o:canonical:ubuntu_linux:${cycle}:*:*:*:${/^\d[02468]\.04$/.test(cycle) ? 'lts' : '*'}:*:*:*`,
  },
  {
    id: 'centos-stream',
    label: 'CentOS Stream',
    vendor: 'The CentOS Project',
    name: /\bcentos stream\b/,
    release: /\bcentos stream(?: release)? ?(\d{1,2})\b/,
    cycle: major,
    cpe: (cycle) => `cpe:2.3:o:centos:stream:${cycle}:*:*:*:*:*:*:*`,
  },
  {
    id: 'centos',
    label: 'CentOS Linux',
    vendor: 'The CentOS Project',
    name: /\bcentos\b/,
    release: /\bcentos(?: linux)?(?: release)? ?(\d)(?:\.(\d{1,2}))?\b/,
    cycle: major,
    cpe: (cycle) => `cpe:2.3:o:centos:centos:${cycle}:*:*:*:*:*:*:*`,
  },
  {
    id: 'rhel',
    label: 'Red Hat Enterprise Linux',
    vendor: 'Red Hat',
    name: /\bred ?hat enterprise linux\b|\brhel\b|\brhel ?\d/,
    release:
      /\b(?:red ?hat enterprise linux(?: server| workstation| for [a-z]+)?(?: release)?|rhel) ?(\d{1,2})(?:\.(\d{1,2}))?\b/,
    cycle: major,
    codenames: { tikanga: '5', santiago: '6', maipo: '7', ootpa: '8', plow: '9', coughlan: '10' },
    cpe: (cycle) => `cpe:2.3:o:redhat:enterprise_linux:${cycle}.0:*:*:*:*:*:*:*`,
  },
  {
    id: 'rocky-linux',
    label: 'Rocky Linux',
    vendor: 'Rocky Enterprise Software Foundation',
    name: /\brocky(?: linux)?\b/,
    release: /\brocky(?: linux)?(?: release)? ?(\d{1,2})(?:\.(\d{1,2}))?\b/,
    cycle: major,
    cpe: (cycle) => `cpe:2.3:o:rocky:rocky:${cycle}:*:*:*:*:*:*:*`,
  },
  {
    id: 'almalinux',
    label: 'AlmaLinux',
    vendor: 'AlmaLinux OS Foundation',
    name: /\balma ?linux\b/,
    release: /\balma ?linux(?: release)? ?(\d{1,2})(?:\.(\d{1,2}))?\b/,
    cycle: major,
    cpe: (cycle) => `cpe:2.3:o:almalinux:almalinux:${cycle}:*:*:*:*:*:*:*`,
  },
  {
    id: 'oracle-linux',
    label: 'Oracle Linux',
    vendor: 'Oracle',
    name: /\boracle linux\b/,
    release: /\boracle linux(?: server)?(?: release)? ?r?(\d{1,2})(?:[.u](\d{1,2}))?\b/,
    cycle: major,
    cpe: (cycle) => `cpe:2.3:o:oracle:linux:${cycle}:*:*:*:*:*:*:*`,
  },
  {
    id: 'sles',
    label: 'SUSE Linux Enterprise Server',
    vendor: 'SUSE',
    name: /\bsuse linux enterprise server\b|\bsles\b/,
    release: /\b(?:suse linux enterprise server|sles) ?(\d{2})(?:(?: ?sp|\.)(\d))?\b/,
    // endoflife.date's cycles are `15.4` for 15 SP4, `15.0` for 15 GA.
    cycle: (m, minor) => `${m}.${minor ?? '0'}`,
    cpe: (cycle) => {
      const [m, sp] = cycle.split('.');
      return `cpe:2.3:o:suse:sles:${m}:${sp === '0' ? '-' : `sp${sp}`}:*:*:*:*:*:*`;
    },
  },
  {
    id: 'alpine-linux',
    label: 'Alpine Linux',
    vendor: 'Alpine Linux',
    name: /\balpine\b/,
    release: /\balpine(?: linux)? ?v?(\d)\.(\d{1,2})\b/,
    cycle: (m, minor) => `${m}.${minor ?? '0'}`,
    cpe: (cycle) => `cpe:2.3:o:alpinelinux:alpine_linux:${cycle}:*:*:*:*:*:*:*`,
  },
  {
    id: 'yocto',
    label: 'Yocto Project',
    vendor: 'Yocto Project',
    name: /\byocto\b|\bpoky\b/,
    // Poky's DISTRO_VERSION is the Yocto release since 2.x; a version further on is another component's.
    release: /\b(?:yocto(?: project)?|poky)\D{0,40}?\b([1-6])\.(\d)(?:\.\d{1,2})?\b/,
    cycle: (m, minor) => `${m}.${minor ?? '0'}`,
    codenames: {
      daisy: '1.6',
      dizzy: '1.7',
      fido: '1.8',
      jethro: '2.0',
      krogoth: '2.1',
      morty: '2.2',
      pyro: '2.3',
      rocko: '2.4',
      sumo: '2.5',
      thud: '2.6',
      warrior: '2.7',
      zeus: '3.0',
      dunfell: '3.1',
      gatesgarth: '3.2',
      hardknott: '3.3',
      honister: '3.4',
      kirkstone: '4.0',
      langdale: '4.1',
      mickledore: '4.2',
      nanbield: '4.3',
      scarthgap: '5.0',
      styhead: '5.1',
      walnascar: '5.2',
      whinlatter: '5.3',
      wrynose: '6.0',
    },
    // endoflife.date's identifier for Yocto (an application: the build system, not the image it builds).
    cpe: (cycle) => `cpe:2.3:a:linuxfoundation:yocto:${cycle}:*:*:*:*:*:*:*`,
  },
];

/** Names that say "Linux" and nothing a lifecycle could be found for. */
export const GENERIC_LINUX = /\blinux\b|\bbusybox\b|\bbuildroot\b|\bopenwrt\b|\bangstrom\b|\bopenembedded\b/;
