import type { Store } from './store.js';
import type { MockResponse } from './types.js';

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The name of the key a request carried (`acme_admin`), for the request log: the store knows each key's
 * name, so the token itself is never written anywhere. Undefined without a key or for an unknown one.
 */
export function keyNameOf(store: Store, authorization: string | undefined): string | undefined {
  const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  return token === undefined ? undefined : store.keys.get(token)?.name;
}

/** The `code` of an error answered as problem+json, read back from the body (errors only, so the cost is theirs). */
export function problemCodeOf(response: MockResponse): string | undefined {
  if (response.status < 400 || !/json/i.test(response.headers['content-type'] ?? '')) return undefined;
  try {
    const code = (JSON.parse(response.body) as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
