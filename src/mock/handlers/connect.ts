import { randomHex } from '../random.js';
import { PROVIDERS } from '../catalog.js';
import { sealCredentials } from '../credentials.js';
import { problem } from '../problems.js';
import { ok, type Handler, type HandlerContext } from './handler.js';

export const connectIntegration: Handler = (context) => {
  const provider = PROVIDERS[context.params.kind];
  if (!provider.live) {
    return problem('provider_not_available', `${provider.displayName} is not available to connect yet.`);
  }
  return provider.authType === 'oauth2' ? startAuthorization(context) : storeCredentials(context);
};

/** OAuth: a pending connection (unless one is already connected) and a consent URL on the mock itself. */
function startAuthorization(context: HandlerContext) {
  const { store, orgId, params, now } = context;
  const connections = store.connectionsOf(orgId);
  if (!connections.has(params.kind)) connections.set(params.kind, store.newConnection(params.kind, 'oauth2', now));
  // One pending authorization per org and kind: a new connect replaces the earlier consent link.
  store.dropConsents(orgId, params.kind);
  const state = randomHex(16);
  store.consents.set(state, { state, orgId, kind: params.kind });
  return ok({ oauthUrl: `${context.origin}/__mock/oauth/consent?state=${state}` });
}

/** API key and SQL: the credentials were validated against the kind's schema; keep only a seal of them. */
function storeCredentials(context: HandlerContext) {
  const { store, orgId, params, now } = context;
  const { credentials } = context.body as { credentials: Record<string, string> };
  const connections = store.connectionsOf(orgId);
  const connection = connections.get(params.kind) ?? store.newConnection(params.kind, PROVIDERS[params.kind].authType, now);
  connection.credentials = sealCredentials(credentials);
  connection.status = 'connected';
  connection.connectedAt = now;
  connection.updatedAt = now;
  connections.set(params.kind, connection);
  return ok({ status: 'connected' });
}
