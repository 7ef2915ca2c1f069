import { problem } from '../problems.js';
import { htmlResponse, jsonResponse, problemResponse } from '../render.js';
import type { Store } from '../store.js';
import type { MockRequest, MockResponse } from '../types.js';
import { consentPage, decisionPage, unknownConsentPage } from './consent-page.js';
import { redactedState } from './redacted-state.js';

export const CONTROL_PREFIX = '/__mock/';

/**
 * The mock's own routes, outside the API: reset, a redacted state dump, and the OAuth consent page
 * (GET shows it; POST with `state` and `decision=approve|deny`, as a form or a query, decides).
 */
export function handleControl(store: Store, request: MockRequest, path: string, query: URLSearchParams, now: string): MockResponse {
  const route = `${request.method} ${path}`;
  switch (route) {
    case 'POST /__mock/reset':
      store.reset();
      return jsonResponse(200, { success: true, data: { reset: true } });
    case 'GET /__mock/state':
      return jsonResponse(200, { success: true, data: redactedState(store) });
    case 'GET /__mock/oauth/consent': {
      const consent = store.consents.get(query.get('state') ?? '');
      if (!consent) return htmlResponse(404, unknownConsentPage());
      return htmlResponse(200, consentPage(consent.state, consent.kind, store.orgs.get(consent.orgId)?.name ?? consent.orgId));
    }
    case 'POST /__mock/oauth/consent':
      return decide(store, formOf(request, query), now);
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
  '/__mock/state': ['GET'],
  '/__mock/oauth/consent': ['GET', 'POST'],
};

function formOf(request: MockRequest, query: URLSearchParams): URLSearchParams {
  const form = new URLSearchParams(request.body ? Buffer.from(request.body).toString('utf8') : '');
  for (const [name, value] of query) if (!form.has(name)) form.set(name, value);
  return form;
}

function decide(store: Store, form: URLSearchParams, now: string): MockResponse {
  const consent = store.consents.get(form.get('state') ?? '');
  const decision = form.get('decision');
  if (!consent) return htmlResponse(404, unknownConsentPage());
  if (decision !== 'approve' && decision !== 'deny') {
    return problemResponse(
      problem('validation_error', 'decision must be approve or deny.', { errors: [{ field: 'decision', message: 'must be approve or deny' }] }),
      '/__mock/oauth/consent',
      undefined,
    );
  }
  store.consents.delete(consent.state); // one use only, as an OAuth state is
  const connections = store.connectionsOf(consent.orgId);
  const connection = connections.get(consent.kind);
  if (decision === 'approve') {
    const target = connection ?? store.newConnection(consent.kind, 'oauth2', now);
    target.status = 'connected';
    target.connectedAt = now;
    target.updatedAt = now;
    connections.set(consent.kind, target);
  } else if (connection?.status === 'pending') {
    connections.delete(consent.kind); // a denied first authorization leaves the kind unconnected
  }
  return htmlResponse(200, decisionPage(consent.kind, decision === 'approve'));
}
