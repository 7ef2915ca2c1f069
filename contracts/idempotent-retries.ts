import fc from 'fast-check';
import type { Suite } from '../src/contract/suite.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import { actionSlugs, connectableKinds, connectKind, install, installedSkills, SKILL_INSTALLERS } from './support/provisioning.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES } from './support/session.js';

const SCOPES = [...ADMIN_SCOPES, 'skills:write'];
const keysOf = (context: SuiteContext) => context.keysWith(SCOPES, true);
const installersOf = (context: SuiteContext) => SKILL_INSTALLERS.filter((id) => context.operations.some((op) => op.operationId === id));

/** The provision body a run sends: none, `{}`, `{actions: []}` (all three: "every important action"), or chosen slugs. */
type Choice = { readonly omit: true } | { readonly empty: boolean } | { readonly picks: readonly number[] };

function provisionBody(choice: Choice, slugs: readonly string[]): unknown {
  if ('omit' in choice) return undefined;
  if ('empty' in choice) return choice.empty ? { actions: [] } : {};
  return slugs.length ? { actions: [...new Set(choice.picks.map((pick) => slugs[pick % slugs.length]!))] } : {};
}

/**
 * Provisioning or installing a pack twice answers the same skills: every skill of the first answer again,
 * with the same id, and `created: false` ("Re-running is idempotent"; "a preset whose skill already exists
 * is skipped and returned with created:false").
 */
export const idempotentRetries: Suite = {
  id: 'idempotent_retries',
  operations: (context) => installersOf(context),
  skipReason: (context) =>
    !installersOf(context).length ? 'provision and pack install are left out' : keysOf(context).length ? undefined : 'needs a key with integrations:read, write, connect and skills:write, and an agent of its org',
  property(context) {
    const choice: fc.Arbitrary<Choice> = fc.oneof(
      fc.constant({ omit: true as const }),
      fc.boolean().map((empty) => ({ empty })),
      fc.array(fc.nat(), { minLength: 1, maxLength: 4 }).map((picks) => ({ picks })),
    );
    const input = fc.constantFrom(...connectableKinds(context)).chain((kind) =>
      fc.record({ kind: fc.constant(kind), installer: fc.constantFrom(...installersOf(context)), choice, credentials: credentialsFor(kind) }),
    );
    return fc.asyncProperty(input, async ({ kind, installer, choice: chosen, credentials }) =>
      context.runAs(keysOf(context), kind, async (key) => {
        const agentId = context.agentOf(key.org)!;
        if (!(await connectKind(context, key, kind, credentials, [installer]))) return; // the target would not connect it: nothing to re-run
        const slugs = installer === 'provisionIntegrationActions' ? ((await actionSlugs(context, key, kind)) ?? []) : [];
        const body = provisionBody(chosen, slugs);
        const first = await install(context, key, installer, kind, agentId, body);
        const before = installedSkills(first);
        if (!before) return; // refused (a provider with no pack) or malformed: other checks judge that answer
        const again = await install(context, key, installer, kind, agentId, body);
        const after = installedSkills(again);
        if (!after) {
          context.fail('idempotent_retries', 'unexpected_status', installer, `the same ${installer} on ${kind} answered 200, then ${again.response.status}`, again);
          return;
        }
        const ids = new Map(after.map((skill) => [skill.name, skill.id]));
        const missing = before.filter((skill) => ids.get(skill.name) !== skill.id).map((skill) => `${skill.name} (${skill.id} → ${ids.get(skill.name) ?? 'absent'})`);
        const recreated = after.filter((skill) => skill.created).map((skill) => skill.name);
        if (missing.length || recreated.length || after.length !== before.length) {
          const problems = [
            missing.length && `skills not answered again with the same id: ${missing.join(', ')}`,
            recreated.length && `created again: ${recreated.join(', ')}`,
            after.length !== before.length && `${before.length} skills the first time, ${after.length} the second`,
          ].filter(Boolean);
          context.fail('idempotent_retries', 'semantic_mismatch', installer, `re-running ${installer} on ${kind}: ${problems.join('; ')}`, again);
        }
      }),
    );
  },
};
