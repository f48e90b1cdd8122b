/**
 * Downloads through the hospital's proxy: HTTPS_PROXY for https addresses (a CONNECT tunnel, TLS end to end
 * with the source), HTTP_PROXY for http ones (absolute-URI requests), NO_PROXY for the hosts reached
 * directly; lowercase names win over uppercase, as curl reads them. Credentials in the proxy's address
 * (`http://user:pass@proxy:3128`) are sent as Basic Proxy-Authorization. The agents are https-proxy-agent and
 * http-proxy-agent; only which proxy, if any, an address takes is decided here.
 */
import type { Agent } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { UsageError } from './errors.js';

export interface ProxySettings {
  /** The proxy for http addresses. */
  httpProxy?: string;
  /** The proxy for https addresses. */
  httpsProxy?: string;
  /** Hosts reached directly: names (a name covers its subdomains), `.suffix`, IPs, CIDR ranges, `*`. */
  noProxy?: string;
}

type Env = Record<string, string | undefined>;

/** The proxy settings of an environment; an address that cannot be read is refused here, not at download. */
export function proxySettingsFromEnv(env: Env): ProxySettings {
  const read = (name: string) => {
    const value = (env[name.toLowerCase()] ?? env[name.toUpperCase()])?.trim();
    return value ? value : undefined;
  };
  const httpProxy = read('HTTP_PROXY');
  const httpsProxy = read('HTTPS_PROXY');
  const noProxy = read('NO_PROXY');
  for (const [name, value] of [
    ['HTTP_PROXY', httpProxy],
    ['HTTPS_PROXY', httpsProxy],
  ] as const)
    if (value !== undefined) proxyAddress(name, value);
  return {
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}

/** The proxy an address is fetched through, or undefined to go direct. */
export function proxyFor(url: URL, settings: ProxySettings): URL | undefined {
  const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
  if (!proxy || bypassed(url, settings.noProxy ?? '')) return undefined;
  return proxyAddress(url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY', proxy);
}

// One agent per proxy and kind of target: reused across requests like node's global agents.
const agents = new Map<string, Agent>();

/** The agent that sends a request for `url` through its proxy; undefined to go direct. */
export function proxyAgentFor(url: URL, settings: ProxySettings): Agent | undefined {
  const proxy = proxyFor(url, settings);
  if (!proxy) return undefined;
  const key = `${url.protocol} ${proxy.href}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = url.protocol === 'https:' ? new HttpsProxyAgent(proxy) : new HttpProxyAgent(proxy);
    agents.set(key, agent);
  }
  return agent;
}

function proxyAddress(name: string, value: string): URL {
  // `proxy:3128` is how many write it: http is meant.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${name} is not an address: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${name} must be an http:// or https:// proxy (${url.protocol} is not supported).`);
  return url;
}

/** Whether NO_PROXY names the address's host (and port, when the entry gives one). */
export function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const { name, entryPort } = splitPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (name.includes('/')) {
      if (inRange(host, name)) return true;
      continue;
    }
    const bare = name.replace(/^\*?\.?/, '');
    if (bare !== '' && (host === bare || host.endsWith(`.${bare}`))) return true;
  }
  return false;
}

function splitPort(entry: string): { name: string; entryPort?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1]!, ...(bracketed[2] ? { entryPort: Number(bracketed[2]) } : {}) };
  // An IPv6 address has colons of its own: only a single colon can separate a port.
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  return withPort ? { name: withPort[1]!, entryPort: Number(withPort[2]) } : { name: entry };
}

function inRange(host: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIP(network ?? '');
  if (!family || isIP(host) !== family || !/^\d+$/.test(bits ?? '')) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  try {
    list.addSubnet(network!, Number(bits), type);
  } catch {
    return false;
  }
  return list.check(host, type);
}
