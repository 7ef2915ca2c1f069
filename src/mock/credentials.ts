/**
 * What the mock keeps of submitted credentials: the names of the fields, never a value or anything derived
 * from one (a fingerprint would let anyone who can read the state confirm a guessed secret).
 */
export interface SealedCredentials {
  readonly fields: readonly string[];
}

export function sealCredentials(credentials: Readonly<Record<string, string>>): SealedCredentials {
  return { fields: Object.keys(credentials).sort() };
}
