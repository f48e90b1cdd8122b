/**
 * A Shodan host response (`GET /shodan/host/{ip}`, or `shodan host --format json`): the host's address,
 * names, open ports, its banners in `data`, and the vulnerabilities Shodan infers for it. Read into one
 * observation of the host: its banners merged (one service per port and transport, the newest banner
 * winning), the host-level `vulns` not tied to a banner kept on the observation.
 *
 * A response asked for with `minify=true` (or with banners trimmed) lists ports without banners; those are
 * recorded as open services too, since they are exposure, with the transport their port number usually
 * has (UDP for the handful of UDP services Shodan crawls, TCP otherwise), and a warning saying so.
 */
import { type IpAddress, normaliseHostname, parseIpAddress } from '../../core/exposure/address.js';
import {
  type ExposureObservation,
  LIMITS,
  mergeObservations,
  type ObservedHostname,
  type ReportedVulnerability,
} from '../../core/exposure/observation.js';
import { parseJsonText } from '../../core/json-text.js';
import { type ParseResult, ProblemList } from '../../core/problem.js';
import { parseShodanBanner, shodanTime } from './banner.js';

export interface ShodanHost {
  observation: ExposureObservation;
  /** Banners in `data` read, and skipped (each skipped one reported). */
  banners: number;
  skippedBanners: number;
  /** Ports listed without a banner, recorded with an assumed transport. */
  portsWithoutBanner: number[];
}

/** UDP services Shodan crawls: a port listed without a banner is assumed UDP if it is one of these. */
const UDP_PORTS = new Set([53, 69, 123, 137, 161, 500, 623, 1900, 5060, 5353, 5683, 11211, 47808]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a host response, or refuses it when it is not one (not JSON, no address). */
export function parseShodanHost(text: string, options: { file?: string } = {}): ParseResult<ShodanHost> {
  const problems = new ProblemList(options.file);
  const json = parseJsonText(text);
  const refuse = (
    code: string,
    message: string,
    at: { line?: number; column?: number; path?: string } = {},
  ): ParseResult<ShodanHost> => {
    problems.error(code, message, at);
    return { ok: false, errors: problems.errors, warnings: problems.warnings };
  };
  if (!json.ok)
    return refuse('json_syntax', `The file is not valid JSON: ${json.message}.`, {
      line: json.line,
      column: json.column,
    });
  const h = json.value;
  if (!isObj(h))
    return refuse('not_shodan_host', 'A Shodan host response is a JSON object with ip_str, ports and data.', {
      path: '$',
    });
  if (h.port !== undefined && h.data !== undefined && !Array.isArray(h.data))
    return refuse(
      'not_shodan_host',
      'This is a single banner, not a host response: read it as Shodan banners (JSON lines).',
      { path: '$' },
    );
  const ipStr = h.ip_str;
  const host: IpAddress | undefined = typeof ipStr === 'string' ? parseIpAddress(ipStr.trim()) : undefined;
  if (!host)
    return refuse(
      'missing_address',
      `The host response has ${typeof ipStr === 'string' ? `the ip_str ${JSON.stringify(ipStr.slice(0, 60))}, which is not an IP address` : 'no ip_str'}, so it cannot be matched to a device.`,
      { path: '$.ip_str' },
    );

  const data = Array.isArray(h.data) ? h.data : [];
  if (h.data !== undefined && !Array.isArray(h.data))
    problems.warn('invalid_field', 'data is not a list of banners: ignored.', { path: '$.data' });
  const banners: ExposureObservation[] = [];
  let skipped = 0;
  data.forEach((b, i) => {
    const path = `$.data[${i}]`;
    const result = parseShodanBanner(
      b,
      { ...(options.file !== undefined ? { file: options.file } : {}), path },
      host,
    );
    if (!result.ok) {
      skipped++;
      problems.warnings.push(result.problem);
      return;
    }
    for (const w of result.warnings ?? []) problems.warnings.push({ ...w, path });
    if (result.observation.address !== host.address) {
      skipped++;
      problems.warn(
        'address_mismatch',
        `A banner of ${result.observation.address} in the host response of ${host.address} is skipped.`,
        { path: `${path}.ip_str` },
      );
      return;
    }
    banners.push(result.observation);
  });

  const lastUpdate = shodanTime(h.last_update);
  const newestBanner = banners.reduce<string | undefined>(
    (t, o) => (t === undefined || Date.parse(o.observedAt) > Date.parse(t) ? o.observedAt : t),
    undefined,
  );
  const observedAt = lastUpdate ?? newestBanner;
  if (observedAt === undefined)
    return refuse(
      'invalid_timestamp',
      'The host response has no last_update and no dated banner, so it cannot be dated.',
      { path: '$.last_update' },
    );

  const hostnames: ObservedHostname[] = [];
  if (Array.isArray(h.hostnames)) {
    for (const n of h.hostnames) {
      const name = typeof n === 'string' ? normaliseHostname(n) : undefined;
      if (
        name !== undefined &&
        hostnames.length < LIMITS.hostnames &&
        !hostnames.some((x) => x.name === name)
      )
        hostnames.push({ name, kind: 'ptr' });
    }
  }
  const tags = Array.isArray(h.tags)
    ? [
        ...new Set(
          h.tags
            .filter((t): t is string => typeof t === 'string' && t !== '' && t.length <= 64)
            .map((t) => t.toLowerCase()),
        ),
      ].slice(0, LIMITS.tags)
    : [];
  const base: ExposureObservation = {
    source: 'shodan',
    observedAt,
    address: host.address,
    family: host.family,
    hostnames,
    hostState: 'up',
    services: [],
    vulnerabilities: [],
    tags,
    internetFacing: true,
  };
  // The host's own fields first: a banner's hostnames, tags and owner add to them.
  // Each service keeps its banner's time; the observation takes the host's.
  const [merged] = mergeObservations([
    base,
    ...banners.map((o) => ({
      ...o,
      observedAt,
      services: o.services.map((s) => ({ ...s, observedAt: o.observedAt })),
    })),
  ]);
  const observation = merged!;
  observation.observedAt = observedAt;
  const org = typeof h.org === 'string' ? h.org : undefined;
  const isp = typeof h.isp === 'string' ? h.isp : undefined;
  const asn = typeof h.asn === 'string' ? h.asn : undefined;
  const country =
    typeof h.country_code === 'string' && /^[A-Za-z]{2}$/.test(h.country_code)
      ? h.country_code.toUpperCase()
      : undefined;
  if (org !== undefined || isp !== undefined || asn !== undefined || country !== undefined) {
    observation.network = {
      ...observation.network,
      ...(org !== undefined ? { org: org.slice(0, LIMITS.text) } : {}),
      ...(isp !== undefined ? { isp: isp.slice(0, LIMITS.text) } : {}),
      ...(asn !== undefined ? { asn: asn.slice(0, 32) } : {}),
      ...(country !== undefined ? { countryCode: country } : {}),
    };
  }
  if (typeof h.os === 'string' && h.os !== '')
    observation.os = { name: h.os.slice(0, LIMITS.text), cpes: [] };

  // Ports listed without a banner.
  const covered = new Set(observation.services.map((s) => s.port));
  const portsWithoutBanner: number[] = [];
  if (Array.isArray(h.ports)) {
    for (const p of h.ports) {
      if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 65535 || covered.has(p)) continue;
      covered.add(p);
      portsWithoutBanner.push(p);
      observation.services.push({
        port: p,
        transport: UDP_PORTS.has(p) ? 'udp' : 'tcp',
        state: 'open',
        cpes: [],
        tls: false,
        vulnerabilities: [],
      });
    }
  }
  if (portsWithoutBanner.length > 0) {
    observation.services.sort((a, b) => a.port - b.port || (a.transport < b.transport ? -1 : 1));
    problems.warn(
      'ports_without_banner',
      `Port(s) ${portsWithoutBanner.join(', ')} are listed without a banner (a minified response?): recorded as open, their transport assumed from the port number.`,
      { path: '$.ports' },
    );
  }

  // Host-level vulnerabilities not already reported by one of its banners.
  const inServices = new Set(observation.services.flatMap((s) => s.vulnerabilities.map((v) => v.id)));
  const hostVulns: ReportedVulnerability[] = [];
  if (Array.isArray(h.vulns)) {
    for (const v of h.vulns) {
      if (typeof v !== 'string' || v.startsWith('!') || !/^[A-Za-z][A-Za-z0-9._:-]{2,63}$/.test(v)) continue;
      const id = v.toUpperCase();
      if (
        !inServices.has(id) &&
        !hostVulns.some((x) => x.id === id) &&
        hostVulns.length < LIMITS.vulnerabilities
      )
        hostVulns.push({ id });
    }
  }
  observation.vulnerabilities = hostVulns.sort((a, b) => (a.id < b.id ? -1 : 1));
  return problems.result({
    observation,
    banners: banners.length,
    skippedBanners: skipped,
    portsWithoutBanner,
  });
}
