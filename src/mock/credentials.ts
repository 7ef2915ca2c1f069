import { createHmac, randomBytes } from 'node:crypto';

/**
 * What the mock keeps of submitted credentials: the field names and a keyed fingerprint, never a value.
 * The key is random per process, so the fingerprint cannot be reversed or compared across runs.
 */
export interface SealedCredentials {
  readonly fields: readonly string[];
  readonly fingerprint: string;
}

const FINGERPRINT_KEY = randomBytes(32);

export function sealCredentials(credentials: Readonly<Record<string, string>>): SealedCredentials {
  const fields = Object.keys(credentials).sort();
  const hmac = createHmac('sha256', FINGERPRINT_KEY);
  for (const name of fields) hmac.update(`${name}\u0000${credentials[name]}\u0000`);
  return { fields, fingerprint: hmac.digest('hex').slice(0, 16) };
}
