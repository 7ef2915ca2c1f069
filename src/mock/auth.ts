import { problem, type Problem } from './problems.js';
import type { ApiKey, Store } from './store.js';

const BEARER = /^Bearer +(\S+) *$/i;

/** The key of an `Authorization: Bearer <key>` value, or undefined for any other form. */
export function bearerToken(header: string): string | undefined {
  return BEARER.exec(header)?.[1];
}

/**
 * The key behind an `Authorization: Bearer …` header, or a 401 whose `WWW-Authenticate` tells a missing
 * header (no error code, as RFC 6750 §3.1 asks) from a malformed or unknown one (`invalid_token`).
 */
export function authenticate(store: Store, header: string | undefined): ApiKey | Problem {
  if (!header) {
    return problem('unauthorized', 'This API needs a secret key: send Authorization: Bearer flowyte_sk_….', {
      headers: { 'www-authenticate': 'Bearer realm="flowyte"' },
    });
  }
  const token = bearerToken(header);
  const key = token ? store.keys.get(token) : undefined;
  if (key) return key;
  return problem('unauthorized', token ? 'The API key is not valid.' : 'The Authorization header is not of the form Bearer <key>.', {
    headers: { 'www-authenticate': 'Bearer realm="flowyte", error="invalid_token"' },
  });
}

/** A 403 naming the scope the operation needs, or undefined when the key holds it. */
export function checkScope(key: ApiKey, required: readonly string[]): Problem | undefined {
  const missing = required.find((scope) => !key.scopes.has(scope));
  if (missing === undefined) return undefined;
  return problem('insufficient_scope', `This operation requires the ${missing} scope, which this key does not hold.`, {
    headers: { 'www-authenticate': `Bearer realm="flowyte", error="insufficient_scope", scope="${missing}"` },
    extensions: { requiredScope: missing },
  });
}
