import type { MockResponse } from './types.js';

/**
 * The response headers a page may read besides the CORS-safelisted ones: what it needs to retry (Retry-After,
 * RateLimit-*), to tell a missing key from a wrong one (WWW-Authenticate), to follow a created resource
 * (Location), and to see which `Prefer` was honoured.
 */
const EXPOSED = 'WWW-Authenticate, Allow, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Preference-Applied';

// Keys travel in the Authorization header, not in cookies, so any origin may call the API.
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': EXPOSED,
};

/** The CORS headers for one named origin, for routes not open to every page (the mock control routes). */
export function originCorsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED, vary: 'Origin' };
}

/**
 * The answer to a CORS preflight: every method and header the contract uses (Prefer included, for asking
 * the mock for conditions), cached for 10 minutes. `allow` replaces the open CORS headers for one origin.
 */
export function preflightResponse(requestedHeaders: string | undefined, allow: Readonly<Record<string, string>> = CORS_HEADERS): MockResponse {
  return {
    status: 204,
    headers: {
      ...allow,
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': requestedHeaders || 'Authorization, Content-Type, Accept, Idempotency-Key, Prefer',
      'access-control-max-age': '600',
    },
    body: '',
  };
}
