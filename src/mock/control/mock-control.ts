import { problem } from '../problems.js';
import { jsonResponse, problemResponse } from '../render.js';
import type { Store } from '../store.js';
import type { MockRequest, MockResponse } from '../types.js';
import { decideConsent, showConsent, type ConsentOptions } from './oauth-consent.js';
import { redactedState } from './redacted-state.js';
import { putState } from '../state/put-state.js';

export const CONTROL_PREFIX = '/__mock/';

/**
 * The mock's own routes, outside the API: reset, a redacted state dump and its restore (PUT), and the OAuth
 * consent page (GET shows it; POST with `state` and `decision=approve|deny`, as a form or a query, decides).
 */
export function handleControl(
  store: Store,
  request: MockRequest,
  path: string,
  query: URLSearchParams,
  now: string,
  options: ConsentOptions = {},
): MockResponse {
  const route = `${request.method} ${path}`;
  switch (route) {
    case 'POST /__mock/reset':
      store.reset();
      return jsonResponse(200, { success: true, data: { reset: true } });
    case 'GET /__mock/state':
      return jsonResponse(200, { success: true, data: redactedState(store) });
    case 'PUT /__mock/state':
      return putState(store, request, path);
    case 'GET /__mock/oauth/consent':
      return showConsent(store, query, options);
    case 'POST /__mock/oauth/consent':
      return decideConsent(store, formOf(request, query), now, options);
    default: {
      const allow = CONTROL_METHODS[path];
      const answer = allow
        ? problem('method_not_allowed', `${path} does not accept ${request.method}.`, { headers: { allow: allow.join(', ') } })
        : problem('route_not_found', `No mock control route ${route}.`);
      return problemResponse(answer, path, request.headers.accept);
    }
  }
}

const CONTROL_METHODS: Readonly<Record<string, readonly string[]>> = {
  '/__mock/reset': ['POST'],
  '/__mock/state': ['GET', 'PUT'],
  '/__mock/oauth/consent': ['GET', 'POST'],
};

function formOf(request: MockRequest, query: URLSearchParams): URLSearchParams {
  const form = new URLSearchParams(request.body ? new TextDecoder().decode(request.body) : '');
  for (const [name, value] of query) if (!form.has(name)) form.set(name, value);
  return form;
}
