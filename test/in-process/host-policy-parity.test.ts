import { BlockList, isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refusedHostReason } from '../../src/mock/host-policy.js';

// host-policy.ts judges addresses with ipaddr.js so that the core runs in a browser; it used node:net's
// BlockList and isIP. This is that earlier judgement, kept as the reference the new one must agree with.
const reference = (() => {
  const blocked = new BlockList();
  for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
    blocked.addSubnet(network, prefix, 'ipv4');
    blocked.addSubnet(`::ffff:${network}`, 96 + prefix, 'ipv6');
  }
  for (const [network, prefix] of [['::', 96], ['64:ff9b::', 96], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fd00:ec2::254', 128]] as const) {
    blocked.addSubnet(network, prefix, 'ipv6');
  }
  const names = /^(localhost|metadata|metadata\.google\.internal|instance-data)$|\.(localhost|internal|local)$/i;
  const canonical = (host: string): string => {
    let bare = host.trim().toLowerCase();
    if (!bare.startsWith('[') && (bare.match(/:/g) ?? []).length === 1) bare = bare.slice(0, bare.indexOf(':'));
    bare = bare.replace(/^\[|\]$/g, '').replace(/\.$/, '');
    if (isIP(bare) === 6 || bare === '') return bare;
    try {
      return new URL(`http://${bare}/`).hostname;
    } catch {
      return bare;
    }
  };
  return (host: string): boolean => {
    const bare = canonical(host);
    const family = isIP(bare);
    return family === 0 ? names.test(bare) : blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
  };
})();

const SPELLINGS = ['127.0.0.1', 'localhost', '10.1.2.3', '172.20.0.5', '172.32.0.1', '192.168.1.10', '169.254.169.254', 'metadata.google.internal', '[::1]', '::ffff:127.0.0.1',
  'fd00::1', '0.0.0.0', '127.1', '2130706433', '0x7f000001', '017700000001', 'localhost.', 'metadata.google.internal.', '::127.0.0.1', '127.0.0.1:5432',
  '64:ff9b::a9fe:a9fe', 'fe80::1%eth0', '[fe80::1%25eth0]', 'fd00:ec2::254', '::', '::ffff:8.8.8.8', '8.8.8.8', '100.64.1.1', '100.128.0.1', 'db.example.com',
  'db.example.com:5432', '2001:db8::1', '[2001:db8::1]:5432', '999.1.1.1', '1.2.3.4.5', '', ' 10.0.0.1 ', 'FE80::ABCD', '::FFFF:A00:1', 'x.invalid'];

describe('refusedHostReason without node:net', () => {
  it.each(SPELLINGS)('should judge %j as node:net did', (host) => {
    expect(refusedHostReason(host) !== undefined).toBe(reference(host));
  });

  it('should judge generated addresses, however spelt, as node:net did', () => {
    const v6 = fc.oneof(fc.ipV6(), fc.ipV4().map((v4) => `::ffff:${v4}`), fc.ipV4().map((v4) => `64:ff9b::${v4}`));
    const host = fc.oneof(
      fc.ipV4(),
      fc.ipV4Extended(),
      v6,
      v6.map((address) => `[${address}]`),
      fc.tuple(v6, fc.nat(65535)).map(([address, port]) => `[${address}]:${port}`),
      fc.tuple(fc.ipV4(), fc.nat(65535)).map(([address, port]) => `${address}:${port}`),
      fc.domain(),
    );
    fc.assert(
      fc.property(host, (spelt) => {
        expect(refusedHostReason(spelt) !== undefined, spelt).toBe(reference(spelt));
      }),
      { numRuns: 3000, seed: 8 },
    );
  });
});
