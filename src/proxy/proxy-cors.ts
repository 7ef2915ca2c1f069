import { CORS_HEADERS, preflightResponse } from '../mock/cors.js';
import type { MockResponse } from '../mock/types.js';
import { VALIDATION_HEADER, VIOLATIONS_HEADER } from './violations-header.js';

/**
 * The mock's CORS, and a page may also read what the proxy adds: its verdict on the answer. Only the proxy's
 * answers expose these; the mock's list stays as it is.
 */
export const PROXY_CORS_HEADERS: Readonly<Record<string, string>> = {
  ...CORS_HEADERS,
  'access-control-expose-headers': `${CORS_HEADERS['access-control-expose-headers']}, ${VIOLATIONS_HEADER}, ${VALIDATION_HEADER}`,
};

/** The proxy answers API preflights itself, as the mock would: the target may not speak CORS at all. */
export function proxyPreflight(requestedHeaders: string | undefined): MockResponse {
  return preflightResponse(requestedHeaders, PROXY_CORS_HEADERS);
}
