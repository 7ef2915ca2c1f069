import { problem } from '../problems.js';
import { htmlResponse, problemResponse } from '../render.js';
import type { Store } from '../store.js';
import type { MockResponse } from '../types.js';
import { badReturnPage, consentPage, decisionPage, unknownConsentPage } from './consent-page.js';
import { returnAddressFault, returnLocation } from './oauth-return.js';

export interface ConsentOptions {
  /** Where the browser returns after Approve or Deny when the consent URL names no `redirect_uri` (`--oauth-return`). */
  readonly oauthReturn?: string;
}

const CONSENT_PATH = '/__mock/oauth/consent';

/** GET: the consent page of a pending authorization, carrying the app's `redirect_uri` into its form. */
export function showConsent(store: Store, query: URLSearchParams, options: ConsentOptions = {}): MockResponse {
  const consent = store.consents.get(query.get('state') ?? '');
  if (!consent) return htmlResponse(404, unknownConsentPage());
  const redirectUri = query.get('redirect_uri') ?? undefined;
  const fault = redirectUri === undefined ? undefined : returnAddressFault(redirectUri);
  if (fault) return htmlResponse(400, badReturnPage(`redirect_uri ${fault}.`));
  const returnsTo = redirectUri ?? options.oauthReturn;
  const orgName = store.orgs.get(consent.orgId)?.name ?? consent.orgId;
  return htmlResponse(200, consentPage(consent.state, consent.kind, orgName, { redirectUri, returnsTo: returnsTo && new URL(returnsTo).origin }));
}

/**
 * POST `state`, `decision=approve|deny`, and from the page `redirect_uri` and `popup`: decides, then goes
 * back to the app. With a return address (the form's, else `oauthReturn`) a 303 sends the browser there with
 * the outcome in the query, as a provider's redirect does; a page opened as a popup (`popup=1`, which the
 * page's script sets when it has an opener) gets a page that posts the outcome to its opener and closes.
 * Without either, the page says what happened, as it always has. Anything malformed is refused before the
 * one-use state is spent.
 */
export function decideConsent(store: Store, form: URLSearchParams, now: string, options: ConsentOptions = {}): MockResponse {
  const consent = store.consents.get(form.get('state') ?? '');
  const decision = form.get('decision');
  if (!consent) return htmlResponse(404, unknownConsentPage());
  if (decision !== 'approve' && decision !== 'deny') return invalid('decision', 'must be approve or deny');
  const given = form.get('redirect_uri') || undefined;
  const fault = given === undefined ? undefined : returnAddressFault(given);
  if (fault) return invalid('redirect_uri', fault);

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

  const status = decision === 'approve' ? 'connected' : 'denied';
  const returnTo = given ?? options.oauthReturn;
  if (form.get('popup') === '1') {
    // The message says only what happened; with a return address it goes to that origin alone.
    const targetOrigin = returnTo === undefined ? '*' : new URL(returnTo).origin;
    const back = returnTo === undefined ? undefined : returnLocation(returnTo, status, consent.kind);
    return htmlResponse(200, decisionPage(consent.kind, decision === 'approve', { targetOrigin, back }));
  }
  if (returnTo !== undefined) {
    return { status: 303, headers: { location: returnLocation(returnTo, status, consent.kind), 'cache-control': 'no-store' }, body: '' };
  }
  return htmlResponse(200, decisionPage(consent.kind, decision === 'approve'));
}

function invalid(field: string, message: string): MockResponse {
  return problemResponse(problem('validation_error', `${field} ${message}.`, { errors: [{ field, message }] }), CONSENT_PATH, undefined);
}
