import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { credentialKinds, OAUTH_KINDS, RESERVED_KINDS, SQL_KINDS } from './support/providers.js';
import { credentialsFor, ordinarySqlDescriptor } from './support/secrets.js';
import { ADMIN_SCOPES, connectWith, dataOf, listConnections, submitCredentials } from './support/session.js';

type Case =
  | { readonly type: 'oauth'; readonly kind: string }
  | { readonly type: 'credentials'; readonly kind: string; readonly credentials: Record<string, string> }
  | { readonly type: 'sslmode_disable'; readonly kind: string; readonly credentials: Record<string, string> }
  | { readonly type: 'sql_test_sslmode_disable'; readonly kind: string; readonly credentials: Record<string, string> }
  | { readonly type: 'reserved'; readonly kind: string; readonly credentials: Record<string, string> };

/** The SQL test, where the contract offers it (it is x-inferred: --documented-only leaves it out). */
const sqlTestOffered = (context: SuiteContext) => context.operations.some((operation) => operation.operationId === 'testSqlConnection');

/**
 * The seed's connect rules: an oauth2 provider answers an oauthUrl and no status; an api_key or SQL provider
 * answers status "connected" and no oauthUrl ("never both"); sslmode disable is refused at the connect
 * boundary and connects nothing, and refused by the SQL test too (its body is the same descriptor, in which
 * "`sslmode` `disable` is refused"); a reserved provider is refused and not connected.
 */
export const connectSemantics: Suite = {
  id: 'connect_semantics',
  skipReason: (context) => (context.keyWith(ADMIN_SCOPES) ? undefined : 'needs a key with integrations:read, write and connect'),
  operations: (context) => ['connectIntegration', ...(sqlTestOffered(context) && SQL_KINDS.some((kind) => context.kinds.includes(kind)) ? ['testSqlConnection'] : [])],
  property(context) {
    const keys = context.keysWith(ADMIN_SCOPES);
    const present = (kinds: readonly string[]) => kinds.filter((kind) => context.kinds.includes(kind));
    const arbitraries: Array<fc.Arbitrary<Case>> = [];
    if (present(OAUTH_KINDS).length) arbitraries.push(fc.constantFrom(...present(OAUTH_KINDS)).map((kind) => ({ type: 'oauth' as const, kind })));
    arbitraries.push(fc.constantFrom(...credentialKinds(context)).chain((kind) => credentialsFor(kind).map((credentials) => ({ type: 'credentials' as const, kind, credentials }))));
    if (present(SQL_KINDS).length) {
      arbitraries.push(fc.tuple(fc.constantFrom(...present(SQL_KINDS)), ordinarySqlDescriptor).map(([kind, d]) => ({ type: 'sslmode_disable' as const, kind, credentials: { ...d, sslmode: 'disable' } })));
      if (sqlTestOffered(context)) {
        arbitraries.push(fc.tuple(fc.constantFrom(...present(SQL_KINDS)), ordinarySqlDescriptor).map(([kind, d]) => ({ type: 'sql_test_sslmode_disable' as const, kind, credentials: { ...d, sslmode: 'disable' } })));
      }
    }
    if (present(RESERVED_KINDS).length) {
      arbitraries.push(fc.tuple(fc.constantFrom(...present(RESERVED_KINDS)), credentialsFor('api_key')).map(([kind, credentials]) => ({ type: 'reserved' as const, kind, credentials })));
    }
    return fc.asyncProperty(fc.oneof(...arbitraries), async (c) =>
      // A SQL test stores nothing ("without storing anything"): it takes no kind's lane.
      context.runAs(keys, c.type === 'sql_test_sslmode_disable' ? '' : c.kind, async (key) => {
        if (c.type === 'sql_test_sslmode_disable') return sqlTestRefusesDisable(context, key, c.kind, c.credentials);
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
          else if (listed.has(c.kind)) fail(`${why} and connect nothing, yet ${key.org}'s list shows it (${listed.get(c.kind)}); this run started with no ${c.kind} there and sent only this connect, as ${key.name}`);
        }
      }),
    );
  },
};

/** A SQL test with sslmode disable is refused with a 4xx, never tested (200) nor failed on (5xx). */
async function sqlTestRefusesDisable(context: SuiteContext, key: ConfiguredKey, kind: string, credentials: Record<string, string>): Promise<void> {
  // Not the host: the contract's own example of a test's answer names it ("10.0.0.5 is a private address").
  const { host: _, ...secrets } = credentials;
  submitCredentials(context, secrets);
  const exchange = await context.call('testSqlConnection', { key, params: { kind }, json: { credentials } });
  const status = exchange.response.status;
  if (status < 400 || status > 499) context.fail('connect_semantics', 'unexpected_status', 'testSqlConnection', `${kind}: sslmode disable must be refused by the SQL test with a 4xx (got ${status})`, exchange);
}
