import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { validReadBinding } from './support/bindings.js';
import { readAllObjectNames, readSchema, schemaShape, type SchemaView } from './support/discovered.js';
import { credentialKinds, SQL_KINDS } from './support/providers.js';
import { credentialsFor } from './support/secrets.js';
import { canonicalBlocks } from './support/state.js';
import { ADMIN_SCOPES, connectWith, dataOf, RUN_NONCE } from './support/session.js';

const SCOPES = [...ADMIN_SCOPES, 'skills:write'];
let toolNames = 0;

/**
 * The seed's scoping rules: blocks read back as set; blocked tables and columns vanish from the schema and
 * the objects and are refused at bind time; empty lists clear them; a kind that is not connected is 404.
 */
export const scopingSemantics: Suite = {
  id: 'scoping_semantics',
  skipReason: (context) => (context.keyWith(SCOPES) && context.agentOf(context.keyWith(SCOPES)!.org) ? undefined : 'needs a key with integrations:read, write, connect and skills:write, and an agent of its org'),
  // What it judges: the scoping set, read back and cleared, the schema and objects without what is blocked, the binding refused.
  operations: () => ['setIntegrationScoping', 'getIntegrationScoping', 'getIntegrationSchema', 'listIntegrationObjects', 'createIntegrationBinding'],
  property(context) {
    const keys = context.keysWith(SCOPES, true);
    const input = fc.constantFrom(...credentialKinds(context)).chain((kind) =>
      fc.record({ kind: fc.constant(kind), credentials: credentialsFor(kind), tablePick: fc.nat(), columnPick: fc.nat(), blockTable: fc.boolean(), suffix: fc.stringMatching(/^[a-z0-9]{10}$/) }),
    );
    return fc.asyncProperty(input, async (c) =>
      context.runAs(keys, c.kind, async (key) => {
        const fail = (operationId: string, message: string, exchange?: Parameters<SuiteContext['fail']>[4]) =>
          context.fail('scoping_semantics', 'semantic_mismatch', operationId, `${c.kind}: ${message}`, exchange);
        const notConnected = await context.call('setIntegrationScoping', { key, params: { kind: c.kind }, json: { blockedTables: [] } });
        if (notConnected.response.status !== 404) fail('setIntegrationScoping', `expected 404 before the kind is connected (this run's first request, as ${key.name} in ${key.org}, which started with no ${c.kind}), got ${notConnected.response.status}`, notConnected);

        await connectWith(context, key, c.kind, c.credentials);
        await context.call('discoverIntegration', { key, params: { kind: c.kind } });
        const full = await readSchema(context, key, c.kind);
        const candidates = full?.objects.filter((o) => o.fields.length > 1) ?? [];
        const target = candidates[c.tablePick % Math.max(candidates.length, 1)];
        if (!full || !target) return; // nothing discovered to scope: the other checks speak for that
        const column = target.fields[c.columnPick % target.fields.length]!.name;
        const blocks = c.blockTable ? { blockedTables: [target.name], blockedColumns: {} } : { blockedTables: [], blockedColumns: { [target.name]: [column] } };

        const set = await context.call('setIntegrationScoping', { key, params: { kind: c.kind }, json: blocks });
        // Three reads of the scoped connection and a binding that must be refused, side by side: none changes the scoping.
        const [readBackExchange, scoped, objects] = await Promise.all([
          context.call('getIntegrationScoping', { key, params: { kind: c.kind } }),
          readSchema(context, key, c.kind),
          readAllObjectNames(context, key, c.kind),
          checkBindRefused(context, key, c.kind, full, target.name, c.blockTable ? undefined : column, c.suffix, fail),
        ]);
        const readBack = dataOf(readBackExchange);
        if (canonicalBlocks(readBack) !== canonicalBlocks(blocks)) fail('getIntegrationScoping', `the scoping read back ${JSON.stringify(readBack)} differs from what was set ${JSON.stringify(blocks)}`, set);
        if (scoped && mentionsBlocked(scoped, target.name, c.blockTable ? undefined : column)) {
          fail('getIntegrationSchema', c.blockTable ? `blocked table ${target.name} is still in the schema` : `blocked column ${target.name}.${column} is still in the schema`);
        }
        if (c.blockTable && objects?.includes(target.name)) {
          fail('listIntegrationObjects', `blocked table ${target.name} is still listed in objects`);
        }

        const cleared = await context.call('setIntegrationScoping', { key, params: { kind: c.kind }, json: { blockedTables: [], blockedColumns: {} } });
        const after = await readSchema(context, key, c.kind);
        if (after && schemaShape(after) !== schemaShape(full)) fail('setIntegrationScoping', 'empty lists did not clear the blocks: the schema differs from before scoping', cleared);
      }),
    );
  },
};

function mentionsBlocked(schema: SchemaView, table: string, column: string | undefined): boolean {
  const object = schema.objects.find((o) => o.name === table);
  if (column === undefined) return object !== undefined || schema.operations.some((op) => op.object === table);
  return object?.fields.some((f) => f.name === column) ?? false;
}

/** A binding that projects the blocked table or column must be refused with a 4xx. */
async function checkBindRefused(
  context: SuiteContext,
  key: ConfiguredKey,
  kind: string,
  full: SchemaView,
  table: string,
  column: string | undefined,
  suffix: string,
  fail: (operationId: string, message: string, exchange?: Parameters<SuiteContext['fail']>[4]) => void,
): Promise<void> {
  const reads = full.operations.filter((op) => op.type === 'read' && op.object === table);
  const sql = (SQL_KINDS as readonly string[]).includes(kind);
  // Numbered too: skills outlive the runs, and a shrunk or replayed run that took its name again would meet a 409.
  const base = validReadBinding({ ...full, operations: reads }, `scoped_${RUN_NONCE}_${suffix}_${++toolNames}`, 0, sql);
  if (!base) return;
  const body = column ? { ...base, projection: [{ path: [column], leaf: 'blocked_value' }] } : base;
  const exchange = await context.call('createIntegrationBinding', { key, params: { kind, agentId: context.agentOf(key.org)! }, json: body });
  if (exchange.response.status < 400 || exchange.response.status > 499) {
    fail('createIntegrationBinding', `a binding touching blocked ${column ? `${table}.${column}` : table} must be refused with a 4xx, got ${exchange.response.status}`, exchange);
  }
}
