import type { ConfiguredKey } from '../../src/contract/config.js';
import type { Exchange } from '../../src/contract/exchange.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';
import { credentialKinds, OAUTH_KINDS, RESERVED_KINDS, SQL_KINDS } from './providers.js';
import { connectableKinds, connectKind } from './provisioning.js';
import { connectWith } from './session.js';

/** How to put the target in a state where an operation can succeed, and the kinds that allows. */
export interface Precondition {
  readonly kinds: (context: SuiteContext) => readonly string[];
  readonly needs: 'nothing' | 'connected' | 'discovered';
}

const CREDENTIAL_KINDS = (context: SuiteContext) => credentialKinds(context);
const SQL = (context: SuiteContext) => SQL_KINDS.filter((kind) => context.kinds.includes(kind));
const LIVE = (context: SuiteContext) => context.kinds.filter((kind) => !(RESERVED_KINDS as readonly string[]).includes(kind));

export const PRECONDITIONS: Readonly<Record<string, Precondition>> = {
  listIntegrationCatalog: { kinds: () => [''], needs: 'nothing' },
  listIntegrations: { kinds: () => [''], needs: 'nothing' },
  connectIntegration: { kinds: (c) => [...OAUTH_KINDS, ...credentialKinds(c)].filter((k) => c.kinds.includes(k)), needs: 'nothing' },
  disconnectIntegration: { kinds: CREDENTIAL_KINDS, needs: 'connected' },
  testSqlConnection: { kinds: SQL, needs: 'nothing' },
  getSqlScripts: { kinds: SQL, needs: 'nothing' },
  discoverIntegration: { kinds: CREDENTIAL_KINDS, needs: 'connected' },
  getIntegrationSchema: { kinds: CREDENTIAL_KINDS, needs: 'discovered' },
  listIntegrationObjects: { kinds: CREDENTIAL_KINDS, needs: 'discovered' },
  getIntegrationScoping: { kinds: CREDENTIAL_KINDS, needs: 'connected' },
  setIntegrationScoping: { kinds: CREDENTIAL_KINDS, needs: 'connected' },
  createIntegrationBinding: { kinds: CREDENTIAL_KINDS, needs: 'discovered' },
  listIntegrationActions: { kinds: LIVE, needs: 'nothing' },
  // OAuth kinds too (they have the actions), connected where the target lets a program approve.
  provisionIntegrationActions: { kinds: connectableKinds, needs: 'connected' },
  installIntegrationPack: { kinds: connectableKinds, needs: 'connected' },
  autoBindIntegration: { kinds: CREDENTIAL_KINDS, needs: 'discovered' },
};

/**
 * Connects (and discovers) `kind` as the precondition asks, with the given credentials; answers the connect
 * that submitted them, for a suite that judges it too.
 */
export async function establish(context: SuiteContext, key: ConfiguredKey, needs: Precondition['needs'], kind: string, credentials: Record<string, string>, forOperation?: string): Promise<Exchange | undefined> {
  if (needs === 'nothing') return undefined;
  const connect = credentialKinds(context).includes(kind) ? await connectWith(context, key, kind, credentials) : void (await connectKind(context, key, kind, credentials, forOperation ? [forOperation] : []));
  if (needs === 'discovered') await context.call('discoverIntegration', { key, params: { kind } });
  return connect;
}
