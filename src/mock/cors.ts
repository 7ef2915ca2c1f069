import type { MockResponse } from './types.js';

// Keys travel in the Authorization header, not in cookies, so any origin may call the mock.
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'WWW-Authenticate, Allow, Location',
};

/** The answer to a CORS preflight: every method and header the contract uses, cached for 10 minutes. */
export function preflightResponse(requestedHeaders: string | undefined): MockResponse {
  return {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': requestedHeaders || 'Authorization, Content-Type, Accept, Idempotency-Key',
      'access-control-max-age': '600',
    },
    body: '',
  };
}
