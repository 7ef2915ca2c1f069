import fc from 'fast-check';
import type { Suite } from '../src/contract/suite.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import { credentialKinds, OAUTH_KINDS } from './support/providers.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES } from './support/session.js';
import { ApproveCommand } from './stateful/approve-command.js';
import { BindCommand } from './stateful/bind-command.js';
import { ConnectCommand } from './stateful/connect-command.js';
import { ConnectOAuthCommand } from './stateful/connect-oauth-command.js';
import { DisconnectCommand } from './stateful/disconnect-command.js';
import { DiscoverCommand } from './stateful/discover-command.js';
import { ListCommand } from './stateful/list-command.js';
import { IntegrationsModel } from './stateful/model.js';
import { ReadScopingCommand } from './stateful/read-scoping-command.js';
import { ReadSchemaCommand } from './stateful/read-schema-command.js';
import { SetScopingCommand } from './stateful/set-scoping-command.js';

const SCOPES = [...ADMIN_SCOPES, 'skills:write'];
// Names that collide with realistic schemas, so that blocks have something to hide.
const TABLES = ['customers', 'orders', 'events', 'rows', 'payments', 'staff', 'products', 'appointments'];
const COLUMNS = ['email', 'phone', 'date_of_birth', 'name', 'first_name', 'title', 'summary'];

function keyAndAgent(context: SuiteContext) {
  const key = context.keyWith(SCOPES);
  const agentId = key && context.agentOf(key.org);
  return key && agentId ? { key, agentId } : undefined;
}

/** Model-based sequences over one organization, shrunk to the shortest failing one. */
export const stateful: Suite = {
  id: 'stateful',
  skipReason: (context) => (keyAndAgent(context) ? undefined : 'needs a key with integrations:read, write, connect and skills:write, and an agent of its org'),
  property(context) {
    const { key, agentId } = keyAndAgent(context)!;
    const credentialKind = fc.constantFrom(...credentialKinds(context));
    const oauthKinds = OAUTH_KINDS.filter((kind) => context.kinds.includes(kind));
    const anyKind = fc.constantFrom(...credentialKinds(context), ...oauthKinds);
    const update = fc.record(
      {
        blockedTables: fc.subarray(TABLES, { maxLength: 3 }),
        blockedColumns: fc.dictionary(fc.constantFrom(...TABLES), fc.subarray(COLUMNS, { maxLength: 2 }), { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    );
    const commands = [
      credentialKind.chain((kind) => credentialsFor(kind).map((credentials) => new ConnectCommand(kind, credentials))),
      ...(oauthKinds.length ? [fc.constantFrom(...oauthKinds).map((kind) => new ConnectOAuthCommand(kind)), fc.constantFrom(...oauthKinds).map((kind) => new ApproveCommand(kind))] : []),
      anyKind.map((kind) => new DisconnectCommand(kind)),
      anyKind.map((kind) => new DiscoverCommand(kind)),
      fc.tuple(anyKind, update).map(([kind, blocks]) => new SetScopingCommand(kind, blocks)),
      anyKind.map((kind) => new ReadScopingCommand(kind)),
      fc.tuple(anyKind, fc.constantFrom('schema' as const, 'objects' as const)).map(([kind, via]) => new ReadSchemaCommand(kind, via)),
      fc.tuple(anyKind, fc.nat(20)).map(([kind, pick]) => new BindCommand(kind, pick)),
      fc.constant(new ListCommand()),
    ];
    return fc.asyncProperty(fc.commands(commands, { maxCommands: 15 }), async (sequence) =>
      context.run(() => fc.asyncModelRun(() => ({ model: new IntegrationsModel(), real: { context, key, agentId } }), sequence)),
    );
  },
};
