import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { Exchange } from '../src/contract/exchange.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { isBlocking, planProbes, PROBE_IDS, PROBES, PROBES_PER_RUN, type Probe, type ProbeId } from './support/binding-probes.js';
import type { BindingBody } from './support/bindings.js';
import { readSchema } from './support/discovered.js';
import { establish, PRECONDITIONS } from './support/preconditions.js';
import { SQL_KINDS } from './support/providers.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES, RUN_NONCE } from './support/session.js';

const SCOPES = [...ADMIN_SCOPES, 'skills:write'];

/** Numbers tool names: skills outlive the runs, and a name a run or a shrunk run took before would be a 409. */
let toolNames = 0;

/**
 * A binding naming an operation, argument or field the schema lacks, a blocked table or column, or a
 * personal-data column in a write, is refused: 400 or 422 by the contract ("a 422 whose errors[] names the
 * request field (either 400 or 422 conforms there)"), any 4xx with --documented-only, where those are inferred.
 */
export const bindingRefusals: Suite = {
  id: 'binding_refusals',
  skipReason: (context) => (context.keysWith(SCOPES, true).length ? undefined : 'needs a key with integrations:read, write, connect and skills:write, and an agent of its org'),
  operations: () => ['createIntegrationBinding'],
  property(context) {
    const keys = context.keysWith(SCOPES, true);
    const input = fc.constantFrom(...PRECONDITIONS.createIntegrationBinding!.kinds(context)).chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        credentials: credentialsFor(kind),
        order: fc.shuffledSubarray(PROBE_IDS, { minLength: PROBE_IDS.length }),
        pick: fc.nat(),
      }),
    );
    return fc.asyncProperty(input, async (c) =>
      context.runAs(keys, c.kind, async (key) => {
        await establish(context, key, 'discovered', c.kind, c.credentials);
        const schema = await readSchema(context, key, c.kind);
        const missing = (id: ProbeId, why: string) => context.notProbed('binding_refusals', PROBES[id], `${c.kind}: ${why}`);
        if (!schema) return c.order.slice(0, PROBES_PER_RUN).forEach((id) => missing(id, 'its discovered schema could not be read'));
        const toolName = () => `refusal_${RUN_NONCE}_${++toolNames}`;
        const plan = planProbes(schema, (SQL_KINDS as readonly string[]).includes(c.kind), c.order, c.pick, toolName);
        plan.missing.forEach(([id, why]) => missing(id, why));
        let probes = plan.probes;
        if (plan.scoping) {
          const scoped = await context.call('setIntegrationScoping', { key, params: { kind: c.kind }, json: plan.scoping });
          if (scoped.response.status >= 300) {
            probes.filter((probe) => isBlocking(probe.id)).forEach((probe) => missing(probe.id, `the scoping could not be set (${scoped.response.status})`));
            probes = probes.filter((probe) => !isBlocking(probe.id));
          }
        }
        const counted = await Promise.all(probes.map((probe) => sendProbe(context, key, c.kind, probe)));
        // A SQL write accepted in neither form, unbroken, could not be probed on this target.
        if (probes.some((probe) => probe.base) && !probes.some((probe, i) => probe.base && counted[i])) {
          missing('personalDataWrite', 'the target accepted the unbroken write neither as an insert nor as an update by key');
        }
      }),
    );
  },
};

/** Sends a probe (beside its base, if any) and judges it; false when its base was not accepted, so that it proves nothing. */
async function sendProbe(context: SuiteContext, key: ConfiguredKey, kind: string, probe: Probe): Promise<boolean> {
  const bind = (json: BindingBody) => context.call('createIntegrationBinding', { key, params: { kind, agentId: context.agentOf(key.org)! }, json });
  const [exchange, base] = await Promise.all([bind(probe.body), probe.base && bind(probe.base)]);
  if (base && (base.response.status < 200 || base.response.status > 299)) return false;
  context.probed('binding_refusals', PROBES[probe.id]);
  judge(context, kind, probe.id, exchange);
  return true;
}

/** Refused as the contract says: 400 or 422; with --documented-only, where those statuses are inferred, any 4xx. */
function judge(context: SuiteContext, kind: string, id: ProbeId, exchange: Exchange): void {
  const { status } = exchange.response;
  const refused = context.documentedOnly ? status >= 400 && status <= 499 : status === 400 || status === 422;
  if (refused) return;
  const expected = context.documentedOnly ? 'a 4xx' : '400 or 422';
  context.fail('binding_refusals', 'unexpected_status', 'createIntegrationBinding', `${kind}: a binding with ${PROBES[id]} must be refused with ${expected}, got ${status}`, exchange);
}
