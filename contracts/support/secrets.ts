import fc from 'fast-check';

/**
 * A credential value no response could contain by chance: a fixed prefix and a random tail. Suites submit
 * these wherever a credential goes, so that secret_non_disclosure can look for them in every response.
 */
export const distinctiveSecret = (prefix: string): fc.Arbitrary<string> =>
  fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((tail) => `${prefix}_${tail}`);

/** A valid SQL descriptor whose host, user and password are distinctive. */
export const sqlDescriptor = fc.record({
  host: distinctiveSecret('host').map((h) => `${h.toLowerCase()}.example.com`),
  port: fc.integer({ min: 1, max: 65535 }).map(String),
  database: distinctiveSecret('db'),
  user: distinctiveSecret('user'),
  password: distinctiveSecret('pw'),
  sslmode: fc.constantFrom('require', 'verify-ca', 'verify-full'),
});

/** Credentials that connect `kind`: a SQL descriptor, or an apiKey for the other credential kinds. */
export function credentialsFor(kind: string): fc.Arbitrary<Record<string, string>> {
  return kind === 'postgres' || kind === 'mysql' ? sqlDescriptor : fc.record({ apiKey: distinctiveSecret('key') });
}
