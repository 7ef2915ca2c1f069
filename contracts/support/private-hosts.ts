import fc from 'fast-check';

// Hosts a SQL connection test must refuse ("A host that resolves to a private, loopback, or metadata address
// is refused"), in the spellings a resolver turns into such an address: inet_aton's legacy IPv4 forms (a
// short dotted form, one decimal, hex or octal number, a hex part), IPv6 in brackets or bare, full
// or compressed, IPv4-mapped, and names that always resolve there, in any case and with the root's trailing
// dot. Only spellings that can mean nothing else: a server that reads one as a name it cannot resolve still
// fails reachability, which conforms. Left out on purpose: a zero-padded part whose octal and decimal values
// differ (0177.0.0.1 is 127.0.0.1 to inet_aton but 177.0.0.1, a public address, to Java and old Python),
// 100.64.0.0/10 (shared address space, which a careful server may not call private), subdomains of localhost
// and a bare "metadata" (they depend on the resolver), and the addresses the docs do not name: other
// link-local ones than the metadata service's (169.254/16, fe80::/10) and the unspecified 0.0.0.0 and ::
// (a server that checks "private, loopback or metadata" as the docs say may contact them, and an
// unreachable link-local address would only time out).

/** A family of refused hosts, as the report's probe coverage names it. */
interface HostFamily {
  readonly probe: string;
  readonly hosts: fc.Arbitrary<string>;
  /** How often a run draws from it: by how many spellings it has that a naive check gets wrong. */
  readonly weight: number;
  /** The server's own machine: probed on the target's own port (see private-host-refusal.ts). */
  readonly loopback: boolean;
}

const octet = fc.integer({ min: 0, max: 255 });
const hex16 = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));

const LOOPBACK_SPELLINGS = [
  '127.0.0.1',
  '127.1', // inet_aton: a.b is a.0.0.b
  '127.0.1', // a.b.c is a.b.0.c
  '2130706433', // one decimal number
  '0x7f000001', // one hex number
  '017700000001', // one octal number
  '0x7f.0.0.1', // a hex part
  '0x7f.1', // a hex part, short
  '127.000.000.001', // zero-padded parts, the same in octal and decimal
  'localhost',
  'LOCALHOST',
  'localhost.',
  'LocalHost.',
  '::1',
  '[::1]',
  '0:0:0:0:0:0:0:1',
  '::ffff:127.0.0.1',
  '[::ffff:127.0.0.1]',
  '::ffff:7f00:1',
];

// The spellings weigh more than random addresses of the range: they are what a naive check gets wrong.
const LOOPBACK = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...LOOPBACK_SPELLINGS) },
  { weight: 1, arbitrary: fc.tuple(octet, octet, fc.integer({ min: 1, max: 254 })).map(([b, c, d]) => `127.${b}.${c}.${d}`) },
);

const PRIVATE = fc.oneof(
  fc.tuple(octet, octet, octet).map(([b, c, d]) => `10.${b}.${c}.${d}`),
  fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([b, c, d]) => `172.${b}.${c}.${d}`),
  fc.tuple(octet, octet).map(([c, d]) => `192.168.${c}.${d}`),
  fc.tuple(octet, octet).map(([c, d]) => `::ffff:192.168.${c}.${d}`),
  fc.constantFrom(
    '167772161', // 10.0.0.1 as one decimal number
    '0xc0a80001', // 192.168.0.1 as one hex number
    '2886729729', // 172.16.0.1 as one decimal number
    '[::ffff:10.0.0.1]',
  ),
);

const METADATA = fc.constantFrom(
  '169.254.169.254',
  '2852039166', // 169.254.169.254 as one decimal number
  '0xa9fea9fe', // ... and as one hex number
  '::ffff:169.254.169.254',
  'metadata.google.internal',
  'METADATA.GOOGLE.INTERNAL.',
  'fd00:ec2::254', // the AWS instance metadata service over IPv6
);

// fd00::/8, the half of fc00::/7 that is in use: IPv6's private addresses (RFC 4193).
const UNIQUE_LOCAL = fc.oneof(
  fc.constantFrom('fd00::1', '[fd12:3456:789a::1]'),
  fc.tuple(fc.integer({ min: 0, max: 0xff }), hex16, hex16).map(([a, b, c]) => `fd${a.toString(16).padStart(2, '0')}:${b}::${c}`),
);

/** The families of refused hosts. */
const REFUSED_HOST_FAMILIES: readonly HostFamily[] = [
  { probe: 'a loopback host (127.0.0.0/8, ::1, localhost) in any spelling', hosts: LOOPBACK, weight: 4, loopback: true },
  { probe: 'a private IPv4 host (10/8, 172.16/12, 192.168/16), bare or IPv4-mapped', hosts: PRIVATE, weight: 2, loopback: false },
  { probe: 'a cloud metadata host (169.254.169.254, fd00:ec2::254, metadata.google.internal)', hosts: METADATA, weight: 2, loopback: false },
  { probe: 'a unique-local IPv6 host (fd00::/8)', hosts: UNIQUE_LOCAL, weight: 1, loopback: false },
];

/** One refused host a run, the family's probe, and whether it is the server's own machine. */
export const refusedHost: fc.Arbitrary<{ probe: string; host: string; loopback: boolean }> = fc.oneof(
  ...REFUSED_HOST_FAMILIES.map((family) => ({ weight: family.weight, arbitrary: family.hosts.map((host) => ({ probe: family.probe, host, loopback: family.loopback })) })),
);
