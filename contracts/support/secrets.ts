import fc from 'fast-check';
import { biased, codePoints, fill } from '../../src/contract/boundary-values.js';
import { caBundle, MAX_CA_COPIES } from './ca-bundle.js';

// Every value here is one a conformant server must accept: printable, free of characters a JSON encoder
// escapes (so that a leaked one is found verbatim), a host that is a public DNS name, a real CA bundle.

const tail = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/);

/**
 * A credential value no response could contain by chance: a fixed prefix and a random tail. Suites submit
 * these wherever a credential goes, so that secret_non_disclosure can look for them in every response.
 */
export const distinctiveSecret = (prefix: string): fc.Arbitrary<string> => tail.map((t) => `${prefix}_${t}`);

/** A length at `max` or between `least` and `max`. */
const upTo = (max: number, least: number) => fc.oneof(fc.constant(max), fc.integer({ min: least, max }));

/**
 * A distinctive secret of up to `max` characters (the contract's maxLength): its prefix and tail repeated
 * to that length, so that the whole value stays distinctive. Never under 8 characters, which would not be tracked.
 */
export const longSecret = (prefix: string, max: number, least: number): fc.Arbitrary<string> =>
  fc.tuple(distinctiveSecret(prefix), upTo(max, Math.max(least, 8))).map(([secret, length]) => fill(codePoints(secret), length));

/**
 * A public-looking DNS name of exactly `length` (64–253) characters under example.com: labels of at most 63
 * letters and digits, the first `host-<tail>`, the others the tail repeated.
 */
export function publicHostName(tailText: string, length: number): string {
  const suffix = '.example.com';
  const body = length - suffix.length; // the labels before the suffix and the dots between them
  const count = Math.ceil((body + 1) / 64);
  const letters = body - (count - 1);
  const chars = codePoints(tailText.toLowerCase());
  const labels = Array.from({ length: count }, (_, i) => {
    const size = Math.floor(letters / count) + (i < letters % count ? 1 : 0);
    return i === 0 ? `host-${tailText.toLowerCase()}${fill(chars, size - 5 - chars.length)}` : fill(chars, size);
  });
  return `${labels.join('.')}${suffix}`;
}

const port = fc.integer({ min: 1, max: 65535 }).map(String);
const SSL_MODES = ['require', 'verify-ca', 'verify-full'] as const;

/** A valid SQL descriptor of ordinary lengths, for a probe that must be wrong in one thing only (its host, its sslmode). */
export const ordinarySqlDescriptor = fc.record({
  // A hostname has no underscore (RFC 1123): `host-`, not `host_`.
  host: tail.map((t) => `host-${t.toLowerCase()}.example.com`),
  port,
  database: distinctiveSecret('db'),
  user: distinctiveSecret('user'),
  password: distinctiveSecret('pw'),
  sslmode: fc.constantFrom(...SSL_MODES),
});

/**
 * At the bounds: a 253-character host, a 1,024-character password, a CA bundle; database and user names at the
 * longest both engines take (MySQL: 32 characters for a user; PostgreSQL: 63 bytes for an identifier), which
 * the contract lets a server hold to, below its own maxLength of 128.
 */
const sqlAtBounds = fc
  .record({
    host: fc.tuple(tail, upTo(253, 64)).map(([t, length]) => publicHostName(t, length)),
    port: fc.oneof(fc.constantFrom('1', '65535'), port),
    database: longSecret('db', 63, 24),
    user: longSecret('user', 32, 24),
    password: longSecret('pw', 1024, 24),
    sslmode: fc.constantFrom(...SSL_MODES),
    caCopies: upTo(MAX_CA_COPIES, 1),
  })
  // ca_pem is "optional PEM for verify-ca/verify-full": with `require` it is not sent.
  .map(({ caCopies, ...descriptor }): Record<string, string> => (descriptor.sslmode === 'require' ? descriptor : { ...descriptor, ca_pem: caBundle(caCopies) }));

/** A valid SQL descriptor whose host, user and password are distinctive; one draw in four at the bounds. */
export const sqlDescriptor: fc.Arbitrary<Record<string, string>> = biased<Record<string, string>>(ordinarySqlDescriptor, sqlAtBounds);

const apiKeyAtBounds = fc.record({ apiKey: longSecret('key', 4096, 3000) });
/** An apiKey credential; one draw in four of 3,000 to 4,096 characters (the contract's maxLength). */
const apiKeyCredentials = biased(fc.record({ apiKey: distinctiveSecret('key') }), apiKeyAtBounds);

const isSql = (kind: string) => kind === 'postgres' || kind === 'mysql';

/** Credentials that connect `kind`: a SQL descriptor, or an apiKey for the other credential kinds. */
export function credentialsFor(kind: string): fc.Arbitrary<Record<string, string>> {
  return isSql(kind) ? sqlDescriptor : apiKeyCredentials;
}

/** Only the boundary share of credentialsFor: every field long, up to the contract's maxLength. */
export function credentialsAtBounds(kind: string): fc.Arbitrary<Record<string, string>> {
  return isSql(kind) ? sqlAtBounds : apiKeyAtBounds;
}
