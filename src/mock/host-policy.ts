import { BlockList, isIP } from 'node:net';

// Addresses a connection test must never reach (SSRF): private, loopback, link-local (cloud metadata
// lives at 169.254.169.254), unique-local, unspecified, and the IPv4-mapped forms of them all.
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
  BLOCKED.addSubnet(`::ffff:${network}`, 96 + prefix, 'ipv6');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fd00:ec2::254', 128],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

const BLOCKED_NAMES = /^(localhost|metadata|metadata\.google\.internal|instance-data)$|\.(localhost|internal|local)$/i;

/**
 * Why a host may not be contacted, or undefined when it may. The mock does no DNS: it judges literal
 * addresses and the names that always resolve to such addresses.
 */
export function refusedHostReason(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(bare);
  if (family === 0) return BLOCKED_NAMES.test(bare) ? `${host} resolves to a loopback, private or metadata address` : undefined;
  return BLOCKED.check(bare, family === 4 ? 'ipv4' : 'ipv6') ? `${host} is a loopback, private or metadata address` : undefined;
}
