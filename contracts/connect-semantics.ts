import fc from 'fast-check';
import type { Suite } from '../src/contract/suite.js';
import { credentialKinds, OAUTH_KINDS, RESERVED_KINDS, SQL_KINDS } from './support/providers.js';
import { credentialsFor, sqlDescriptor } from './support/secrets.js';
import { ADMIN_SCOPES, connectWith, dataOf, listConnections } from './support/session.js';

type Case =
  | { readonly type: 'oauth'; readonly kind: string }
  | { readonly type: 'credentials'; readonly kind: string; readonly credentials: Record<string, string> }
  | { readonly type: 'sslmode_disable'; readonly kind: string; readonly credentials: Record<string, string> }
  | { readonly type: 'reserved'; readonly kind: string; readonly credentials: Record<string, string> };

/**
 * The seed's connect rules: an oauth2 provider answers an oauthUrl and no status; an api_key or SQL provider
 * answers status "connected" and no oauthUrl ("never both"); sslmode disable is refused at the connect
 * boundary and connects nothing; a reserved provider is refused and not connected.
 */
export const connectSemantics: Suite = {
  id: 'connect_semantics',
  skipReason: (context) => (context.keyWith(ADMIN_SCOPES) ? undefined : 'needs a key with integrations:read, write and connect'),
  property(context) {
    const keys = context.keysWith(ADMIN_SCOPES);
    const present = (kinds: readonly string[]) => kinds.filter((kind) => context.kinds.includes(kind));
    const arbitraries: Array<fc.Arbitrary<Case>> = [];
    if (present(OAUTH_KINDS).length) arbitraries.push(fc.constantFrom(...present(OAUTH_KINDS)).map((kind) => ({ type: 'oauth' as const, kind })));
    arbitraries.push(fc.constantFrom(...credentialKinds(context)).chain((kind) => credentialsFor(kind).map((credentials) => ({ type: 'credentials' as const, kind, credentials }))));
    if (present(SQL_KINDS).length) {
      arbitraries.push(fc.tuple(fc.constantFrom(...present(SQL_KINDS)), sqlDescriptor).map(([kind, d]) => ({ type: 'sslmode_disable' as const, kind, credentials: { ...d, sslmode: 'disable' } })));
    }
    if (present(RESERVED_KINDS).length) {
      arbitraries.push(fc.tuple(fc.constantFrom(...present(RESERVED_KINDS)), credentialsFor('api_key')).map(([kind, credentials]) => ({ type: 'reserved' as const, kind, credentials })));
    }
    return fc.asyncProperty(fc.oneof(...arbitraries), async (c) =>
      context.runAs(keys, c.kind, async (key) => {
        const exchange = c.type === 'oauth'
          ? await context.call('connectIntegration', { key, params: { kind: c.kind } })
          : await connectWith(context, key, c.kind, c.credentials);
        const data = dataOf(exchange);
        const status = exchange.response.status;
        const fail = (message: string) => context.fail('connect_semantics', 'semantic_mismatch', 'connectIntegration', `${c.kind}: ${message}`, exchange);
        if (c.type === 'oauth') {
          if (status !== 200 || typeof data?.oauthUrl !== 'string' || 'status' in (data ?? {})) fail(`an oauth2 connect must answer 200 with data.oauthUrl and no status (got ${status})`);
        } else if (c.type === 'credentials') {
          if (status !== 200 || data?.status !== 'connected' || 'oauthUrl' in (data ?? {})) fail(`a credentials connect must answer 200 with data.status "connected" and no oauthUrl (got ${status})`);
        } else {
          const why = c.type === 'sslmode_disable' ? 'sslmode disable must be refused' : 'a reserved provider must be refused';
          if (status < 400 || status > 499) fail(`${why} with a 4xx (got ${status})`);
          const listed = await listConnections(context, key);
          if (!listed) fail('the connection list could not be read to confirm that nothing was connected');
          else if (listed.has(c.kind)) fail(`${why} and connect nothing, yet it is listed`);
        }
      }),
    );
  },
};
