import ipaddr from 'ipaddr.js';

// Addresses a connection test must never reach (SSRF): private, loopback, link-local (cloud metadata
// lives at 169.254.169.254), unique-local, unspecified, and the IPv4-mapped forms of them all. ipaddr.js
// rather than node:net's BlockList, so that the core runs in a browser too.
type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
const BLOCKED: Range[] = [];
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  BLOCKED.push([ipaddr.IPv4.parse(network), prefix]);
  BLOCKED.push([ipaddr.IPv6.parse(`::ffff:${network}`), 96 + prefix]);
}
for (const [network, prefix] of [
  ['::', 96], // IPv4-compatible addresses (::127.0.0.1), the unspecified and loopback ones among them
  ['64:ff9b::', 96], // NAT64, which maps onto IPv4 addresses
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fd00:ec2::254', 128],
] as const) {
  BLOCKED.push([ipaddr.IPv6.parse(network), prefix]);
}

const BLOCKED_NAMES = /^(localhost|metadata|metadata\.google\.internal|instance-data)$|\.(localhost|internal|local)$/i;

/**
 * Why a host may not be contacted, or undefined when it may. The mock does no DNS: it judges literal
 * addresses and the names that always resolve to such addresses.
 */
export function refusedHostReason(host: string): string | undefined {
  const bare = canonicalHost(host);
  const address = addressOf(bare);
  if (!address) return BLOCKED_NAMES.test(bare) ? 'the host resolves to a loopback, private or metadata address' : undefined;
  const blocked = BLOCKED.some(([network, prefix]) => network.kind() === address.kind() && address.match(network, prefix));
  return blocked ? 'the host is a loopback, private or metadata address' : undefined;
}

/** The address a literal spells: a dotted quad or an IPv6 address (a zone such as %eth0 allowed); else undefined. */
function addressOf(bare: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  return ipaddr.IPv6.isValid(bare) ? ipaddr.IPv6.parse(bare) : undefined;
}

/**
 * The host as a resolver would see it: brackets, a port and one trailing dot dropped, and the legacy IPv4
 * spellings that inet_aton accepts (127.1, 2130706433, 0x7f000001, 017700000001) turned into dotted quads,
 * which the WHATWG URL parser does for us.
 */
function canonicalHost(host: string): string {
  let bare = host.trim().toLowerCase();
  if (!bare.startsWith('[') && (bare.match(/:/g) ?? []).length === 1) bare = bare.slice(0, bare.indexOf(':'));
  bare = bare.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (ipaddr.IPv6.isValid(bare) || bare === '') return bare;
  try {
    return new URL(`http://${bare}/`).hostname;
  } catch {
    return bare;
  }
}
