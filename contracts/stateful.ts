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
import { InstallCommand } from './stateful/install-command.js';
import { ListCommand } from './stateful/list-command.js';
import { IntegrationsModel, Traced, type Real } from './stateful/model.js';
import { ReadScopingCommand } from './stateful/read-scoping-command.js';
import { ReadSchemaCommand } from './stateful/read-schema-command.js';
import { SetScopingCommand } from './stateful/set-scoping-command.js';

const SCOPES = [...ADMIN_SCOPES, 'skills:write'];
// Names that collide with realistic schemas, so that blocks have something to hide.
const TABLES = ['customers', 'orders', 'events', 'rows', 'payments', 'staff', 'products', 'appointments'];
const COLUMNS = ['email', 'phone', 'date_of_birth', 'name', 'first_name', 'title', 'summary'];

// The operations the model's commands send and judge.
const MODELLED = [
  'connectIntegration',
  'disconnectIntegration',
  'discoverIntegration',
  'getIntegrationSchema',
  'listIntegrationObjects',
  'getIntegrationScoping',
  'setIntegrationScoping',
  'createIntegrationBinding',
  'listIntegrations',
  'provisionIntegrationActions',
  'installIntegrationPack',
];

/** The keys of every organization with an agent: sequences take turns between them. */
const keysOf = (context: SuiteContext) => context.keysWith(SCOPES, true);

/** Model-based sequences over one organization, shrunk to the shortest failing one. */
export const stateful: Suite = {
  id: 'stateful',
  operations: (context) => MODELLED.filter((id) => context.operations.some((op) => op.operationId === id)),
  skipReason: (context) => (keysOf(context).length ? undefined : 'needs a key with integrations:read, write, connect and skills:write, and an agent of its org'),
  property(context) {
    const keys = keysOf(context);
    const oauthKinds = OAUTH_KINDS.filter((kind) => context.kinds.includes(kind));
    const update = fc.record(
      {
        blockedTables: fc.subarray(TABLES, { maxLength: 3 }),
        blockedColumns: fc.dictionary(fc.constantFrom(...TABLES), fc.subarray(COLUMNS, { maxLength: 2 }), { maxKeys: 2 }),
      },
      { requiredKeys: [] },
    );
    const judged = (id: string) => context.operations.some((op) => op.operationId === id);
    const installs = (kind: string) => [
      ...(judged('provisionIntegrationActions') ? [fc.array(fc.nat(), { maxLength: 3 }).map((picks) => new InstallCommand(kind, 'provisionIntegrationActions', picks))] : []),
      ...(judged('installIntegrationPack') ? [fc.constant(new InstallCommand(kind, 'installIntegrationPack'))] : []),
    ];
    // One kind per sequence, with connect and discover drawn more often: random sequences over every kind
    // would seldom get one kind as far as discovered and scoped, where most of the contract lies.
    const commandsFor = (kind: string): Array<fc.Arbitrary<fc.AsyncCommand<IntegrationsModel, Real>>> => {
      const connect = oauthKinds.includes(kind as (typeof oauthKinds)[number])
        ? [fc.constant(new ConnectOAuthCommand(kind)), fc.constant(new ApproveCommand(kind)), fc.constant(new ApproveCommand(kind))]
        : [credentialsFor(kind).map((credentials) => new ConnectCommand(kind, credentials)), credentialsFor(kind).map((credentials) => new ConnectCommand(kind, credentials))];
      return [
        ...connect,
        fc.constant(new DiscoverCommand(kind)),
        fc.constant(new DiscoverCommand(kind)),
        fc.constant(new DisconnectCommand(kind)),
        update.map((blocks) => new SetScopingCommand(kind, blocks)),
        update.map((blocks) => new SetScopingCommand(kind, blocks)),
        fc.constant(new ReadScopingCommand(kind)),
        fc.constantFrom('schema' as const, 'objects' as const).map((via) => new ReadSchemaCommand(kind, via)),
        fc.nat(20).map((pick) => new BindCommand(kind, pick)),
        fc.constant(new ListCommand(kind)),
        ...installs(kind),
      ];
    };
    const sequences = fc.constantFrom(...credentialKinds(context), ...oauthKinds).chain((kind) =>
      fc.tuple(fc.constant(kind), fc.commands(commandsFor(kind).map((command) => command.map((each) => new Traced(each))), { maxCommands: 20, size: '+1' })),
    );
    return fc.asyncProperty(sequences, async ([kind, sequence]) =>
      context.runAs(keys, kind, async (key) => {
        // The model starts from nothing connected: a kind the config says is pre-connected there is no such start.
        if (context.preconnected(key.org, kind)) return context.notProbed('stateful', `sequences on ${kind} in ${key.org}`, `${kind} is pre-connected in ${key.org} (oauth.connected): the sequences never connect or disconnect it`);
        await fc.asyncModelRun(() => ({ model: new IntegrationsModel(), real: { context, key, agentId: context.agentOf(key.org)!, steps: [] } }), sequence);
      }),
    );
  },
};
