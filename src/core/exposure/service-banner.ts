/**
 * What Vigil's own TCP scan learns of a port: the ports it probes by default, the usual service on each
 * (named as nmap's `nmap-services` names them, so that the risky-services catalogue reads both alike), and
 * what a service's first bytes say of it: `SSH-2.0-OpenSSH_8.2p1` is OpenSSH 8.2p1, an HTTP response's
 * status line, `Server` header and `<title>` name a web server and its page. Pure and bounded: the scanner
 * reads at most a few kilobytes, and everything kept is cut to the observation's limits.
 */
import { normaliseCpeName } from './cpe-names.js';
import { boundLine, boundText, LIMITS, type ObservedService } from './observation.js';
import { RISKY_SERVICES } from './risky-services.js';

/**
 * The usual service on a port, where nmap's name helps (the catalogue matches on it); ports without an
 * entry are probed but named only by what they answer.
 */
export const PORT_SERVICES: Readonly<Record<number, string>> = {
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'domain',
  80: 'http',
  102: 'iso-tsap',
  104: 'acr-nema',
  110: 'pop3',
  111: 'rpcbind',
  135: 'msrpc',
  139: 'netbios-ssn',
  143: 'imap',
  443: 'https',
  445: 'microsoft-ds',
  502: 'mbap',
  515: 'printer',
  631: 'ipp',
  993: 'imaps',
  995: 'pop3s',
  1433: 'ms-sql-s',
  1434: 'ms-sql-m',
  1521: 'oracle',
  1883: 'mqtt',
  1900: 'upnp',
  2049: 'nfs',
  2323: 'telnet',
  2575: 'hl7',
  2762: 'dicom-tls',
  3306: 'mysql',
  3389: 'ms-wbt-server',
  4840: 'opcua-tcp',
  5432: 'postgresql',
  5900: 'vnc',
  5901: 'vnc-1',
  5902: 'vnc-2',
  5903: 'vnc-3',
  5985: 'wsman',
  5986: 'wsmans',
  6379: 'redis',
  8000: 'http-alt',
  8008: 'http',
  8042: 'http',
  8080: 'http-proxy',
  8081: 'http-alt',
  8443: 'https-alt',
  8883: 'secure-mqtt',
  8888: 'http-alt',
  9100: 'jetdirect',
  9200: 'http',
  11112: 'dicom',
  20000: 'dnp',
  27017: 'mongod',
  44818: 'EtherNetIP-2',
};

/**
 * Ports of clinical interest probed when the caller names none: every TCP port of the risky-services
 * catalogue (SMB, RDP, Telnet, VNC, FTP, DICOM, HL7, HTTP, MQTT, Modbus, SSH, databases, UPnP), the
 * rest of the table above (DICOM over TLS, Orthanc's DICOM port 4242 and web port 8042, printers, WinRM,
 * industrial protocols, databases known for leaking patient data), and HTTPS. 55 ports: a
 * /24 costs some 14,000 connections, under three minutes at the default rate.
 */
export const DEFAULT_SCAN_PORTS: readonly number[] = [
  ...new Set([
    ...RISKY_SERVICES.filter((e) => e.transport !== 'udp').flatMap((e) => e.ports),
    ...Object.keys(PORT_SERVICES).map(Number),
    4242,
  ]),
].sort((a, b) => a - b);

/** Ports where Vigil speaks first (`GET / HTTP/1.0`): a web server says nothing until asked. */
export const HTTP_PROBE_PORTS: ReadonlySet<number> = new Set([
  80, 5000, 8000, 8008, 8042, 8080, 8081, 8888, 9200,
]);

/** The request sent to an HTTP port: HTTP/1.0 so that the server closes when done, nothing to follow. */
export function httpProbe(address: string): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `GET / HTTP/1.0\r\nHost: ${host}\r\nUser-Agent: Vigil exposure scan\r\nAccept: text/html\r\nConnection: close\r\n\r\n`;
}

/** Products as a banner names them, with nmap's spelling and the CPE vendor:product pairs NVD uses. */
const PRODUCTS: Record<string, { product: string; cpes: readonly string[] }> = {
  openssh: { product: 'OpenSSH', cpes: ['openbsd:openssh'] },
  dropbear: { product: 'Dropbear sshd', cpes: ['dropbear_ssh_project:dropbear_ssh'] },
  // NVD names nginx under F5 since 2020 and under nginx before: both, so that either record matches.
  nginx: { product: 'nginx', cpes: ['f5:nginx', 'nginx:nginx'] },
  apache: { product: 'Apache httpd', cpes: ['apache:http_server'] },
  'microsoft-iis': { product: 'Microsoft IIS httpd', cpes: ['microsoft:internet_information_services'] },
  lighttpd: { product: 'lighttpd', cpes: ['lighttpd:lighttpd'] },
};

const CPE_VERSION = /^[0-9][A-Za-z0-9._-]{0,63}$/;

function identify(
  raw: string,
  version: string | undefined,
): Pick<ObservedService, 'product' | 'version' | 'cpes'> {
  const known = PRODUCTS[raw.toLowerCase()];
  const product = boundLine(known?.product ?? raw, LIMITS.text);
  const cpes: string[] = [];
  if (known && version !== undefined && CPE_VERSION.test(version)) {
    for (const vp of known.cpes) {
      const cpe = normaliseCpeName(`cpe:/a:${vp}:${version}`);
      if (cpe.ok) cpes.push(cpe.cpe);
    }
  }
  const v = version !== undefined ? boundLine(version, LIMITS.text) : undefined;
  return { ...(product ? { product } : {}), ...(v ? { version: v } : {}), cpes };
}

/** Bytes as text to keep: printable as it is, control bytes as `\xNN` (as nmap's banner script writes them). */
export function bannerText(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let shown = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    const control = (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0x7f;
    shown += control ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return boundText(shown.trimEnd(), LIMITS.banner);
}

/** What a banner says of its service; fields left out when it says nothing. */
export type BannerFacts = Partial<
  Pick<ObservedService, 'name' | 'product' | 'version' | 'extraInfo' | 'httpTitle'>
> & {
  cpes: string[];
  banner?: string;
};

// `SSH-protoversion-softwareversion SP comments` (RFC 4253 §4.2).
const SSH = /^SSH-(\d+\.\d+)-([!-~]{1,255})(?: ([^\r\n]{0,255}))?/;
// `OpenSSH_8.2p1`, `dropbear_2019.78`, `libssh-0.9.6`: a name, then `_` or `-` and a version.
const SOFTWARE = /^([A-Za-z][A-Za-z0-9.]*?)[_-](\d[!-~]*)$/;
const HTTP_STATUS = /^HTTP\/\d\.\d \d{3}[^\r\n]{0,200}/;
// `nginx/1.18.0 (Ubuntu)`, `Microsoft-IIS/10.0`, `Apache`.
const SERVER = /^([^/\s]{1,100})(?:\/([^\s(]{1,100}))?(?:\s+\(([^)]{0,200})\))?/;

/** Bytes as one character each (ISO 8859-1): markup and headers are found by index whatever the encoding. */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** Reads what a service sent (and, on an HTTP port, answered): at most a few kilobytes. */
export function readBanner(bytes: Uint8Array): BannerFacts {
  const head = latin1(bytes.subarray(0, 16_384));
  const ssh = SSH.exec(head);
  if (ssh) {
    const [, protocol, software, comment] = ssh;
    const soft = SOFTWARE.exec(software!);
    const extra = [comment?.trim(), `protocol ${protocol}`].filter(Boolean).join('; ');
    return {
      name: 'ssh',
      ...(soft ? identify(soft[1]!, soft[2]) : identify(software!, undefined)),
      ...(extra ? { extraInfo: boundLine(extra, LIMITS.text)! } : {}),
      ...withBanner(head.slice(0, ssh[0].length)),
    };
  }
  if (HTTP_STATUS.test(head)) return readHttp(head);
  const facts = ((): BannerFacts => {
    if (/^RFB \d{3}\.\d{3}/.test(head))
      return { name: 'vnc', cpes: [], extraInfo: `protocol ${head.slice(4, 11)}` };
    if (/^220[ -][^\r\n]*\bE?SMTP\b/i.test(head)) return { name: 'smtp', cpes: [] };
    if (/^220[ -][^\r\n]*\bFTP\b/i.test(head)) return { name: 'ftp', cpes: [] };
    if (/^\+OK\b/.test(head)) return { name: 'pop3', cpes: [] };
    if (/^\* OK\b/.test(head)) return { name: 'imap', cpes: [] };
    // Telnet opens with option negotiation: IAC (255) then DO, DONT, WILL or WONT.
    if (bytes[0] === 255 && bytes[1] !== undefined && bytes[1] >= 251) return { name: 'telnet', cpes: [] };
    return { cpes: [] };
  })();
  const banner = bannerText(bytes.subarray(0, LIMITS.banner * 2));
  return { ...facts, ...(banner ? { banner } : {}) };
}

function withBanner(text: string): { banner?: string } {
  const banner = boundText(text.trimEnd(), LIMITS.banner);
  return banner ? { banner } : {};
}

function readHttp(text: string): BannerFacts {
  const end = text.indexOf('\r\n\r\n');
  const headText = end === -1 ? text : text.slice(0, end);
  const lines = headText.split(/\r?\n/);
  const status = lines[0]!.trim();
  const serverLine = lines.find((l) => /^server:/i.test(l));
  const server = serverLine?.slice(serverLine.indexOf(':') + 1).trim();
  const facts: BannerFacts = { name: 'http', cpes: [] };
  const parsed = server ? SERVER.exec(server) : null;
  if (parsed) {
    Object.assign(facts, identify(parsed[1]!, parsed[2]));
    const extra = parsed[3] ? boundLine(parsed[3], LIMITS.text) : undefined;
    if (extra) facts.extraInfo = extra;
  }
  if (end !== -1) {
    const title = titleOf(text.slice(end + 4));
    if (title) facts.httpTitle = title;
  }
  return { ...facts, ...withBanner(server ? `${status}\nServer: ${server}` : status) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The page's `<title>`, found by index (no regular expression over the body), entities decoded. */
function titleOf(body: string): string | undefined {
  const lower = body.toLowerCase();
  const open = lower.indexOf('<title');
  if (open === -1) return undefined;
  const start = lower.indexOf('>', open);
  const close = lower.indexOf('</title', start);
  if (start === -1 || close === -1) return undefined;
  // The body was read byte for byte to find markup; the title is decoded as UTF-8 (what pages send).
  const slice = body.slice(start + 1, Math.min(close, start + 1 + LIMITS.title * 4));
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(
    Uint8Array.from(slice, (c) => c.charCodeAt(0)),
  );
  const decoded = utf8.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,5});/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  return boundLine(decoded, LIMITS.title);
}
