import type { ConfiguredKey } from '../contract/config.js';
import { keyFingerprint, REDACTED_KEY_PREFIX } from './har.js';
import { bearerToken } from '../mock/auth.js';

/** What a recorded `Authorization` header becomes on the target. */
export type KeyMapping =
  /** The recording sent none: neither does the replay. */
  | { readonly kind: 'none' }
  | { readonly kind: 'mapped'; readonly fingerprint: string; readonly key: ConfiguredKey }
  | { readonly kind: 'unmapped'; readonly fingerprint: string };

/**
 * Maps the keys of a recording to the target's keys. A key is known by its fingerprint, whether the recording
 * holds it in clear (a devtools HAR) or redacted by our proxy (`Bearer flowyte-redacted:<fingerprint>`): an
 * explicit `replay.keys` entry of the config first, else the configured key with that same fingerprint.
 */
export class KeyMap {
  private readonly byFingerprint = new Map<string, ConfiguredKey>();

  constructor(keys: readonly ConfiguredKey[], explicit: Readonly<Record<string, string>> = {}) {
    for (const key of keys) this.byFingerprint.set(keyFingerprint(key.token), key);
    const byName = new Map(keys.map((key) => [key.name, key]));
    for (const [fingerprint, name] of Object.entries(explicit)) {
      const key = byName.get(name);
      // The config parser refuses an unknown name; a caller that built its own mapping gets the same refusal.
      if (!key) throw new Error(`replay.keys maps ${fingerprint} to "${name}", a key the config does not have`);
      this.byFingerprint.set(fingerprint, key);
    }
  }

  map(authorization: string | undefined): KeyMapping {
    if (authorization === undefined || authorization.trim() === '') return { kind: 'none' };
    const fingerprint = recordedFingerprint(authorization);
    const key = this.byFingerprint.get(fingerprint);
    return key ? { kind: 'mapped', fingerprint, key } : { kind: 'unmapped', fingerprint };
  }
}

/**
 * The fingerprint of the key a recorded header carried: read from our proxy's redaction, or computed from a key
 * in clear. A header that is not `Bearer <key>` is fingerprinted whole: it maps only through `replay.keys`.
 */
export function recordedFingerprint(authorization: string): string {
  const value = authorization.trim();
  if (value.startsWith(REDACTED_KEY_PREFIX)) return value.slice(REDACTED_KEY_PREFIX.length).trim();
  const token = bearerToken(value);
  return keyFingerprint(token ?? value);
}
