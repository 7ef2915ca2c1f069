import fc from 'fast-check';
import type { Suite } from '../src/contract/suite.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import { walkPages } from './support/pages.js';
import { RESERVED_KINDS } from './support/providers.js';
import { actionSlugs, connectableKinds, connectKind, install } from './support/provisioning.js';
import { credentialsFor } from './support/secrets.js';
import { ADMIN_SCOPES } from './support/session.js';

const SCOPES = [...ADMIN_SCOPES, 'skills:write'];
const NEEDED = ['listIntegrationCatalog', 'listIntegrationActions'];
const keysOf = (context: SuiteContext) => context.keysWith(SCOPES, true);
const liveKinds = (context: SuiteContext) => context.kinds.filter((kind) => !(RESERVED_KINDS as readonly string[]).includes(kind));

interface CatalogEntry {
  readonly kind: string;
  readonly actionCount: number;
  readonly hasPack: boolean;
}

/**
 * What the catalog says of a provider agrees with its other endpoints: `actionCount` is the number of
 * actions it lists (each slug once, across pages of a drawn size), and `hasPack` is whether its pack installs
 * once it is connected (200) or not (the documented 404 "the provider ships no pack").
 */
export const catalogConsistency: Suite = {
  id: 'catalog_consistency',
  operations: (context) => [...NEEDED, 'installIntegrationPack'].filter((id) => context.operations.some((op) => op.operationId === id)),
  skipReason: (context) =>
    NEEDED.some((id) => !context.operations.some((op) => op.operationId === id))
      ? 'the catalog or the actions endpoint is left out (both are marked x-inferred)'
      : keysOf(context).length ? undefined : 'needs a key with integrations:read, write, connect and skills:write, and an agent of its org',
  property(context) {
    const packJudged = context.operations.some((op) => op.operationId === 'installIntegrationPack');
    const input = fc.constantFrom(...liveKinds(context)).chain((kind) =>
      fc.record({ kind: fc.constant(kind), limit: fc.integer({ min: 1, max: 5 }), credentials: credentialsFor(kind) }),
    );
    return fc.asyncProperty(input, async ({ kind, limit, credentials }) =>
      context.runAs(keysOf(context), kind, async (key) => {
        const [catalog, slugs] = await Promise.all([walkPages<CatalogEntry>(context, 'listIntegrationCatalog', key, undefined, 100), actionSlugs(context, key, kind, limit)]);
        const entry = catalog?.find((candidate) => candidate.kind === kind);
        if (!entry) return; // an unreadable catalog is the response checks' matter; a live kind left out, connect's
        if (slugs) {
          const repeated = slugs.filter((slug, i) => slugs.indexOf(slug) !== i);
          if (repeated.length) context.fail('catalog_consistency', 'semantic_mismatch', 'listIntegrationActions', `${kind}'s actions, walked ${limit} a page, list ${repeated.join(', ')} more than once`);
          else if (slugs.length !== entry.actionCount) {
            context.fail('catalog_consistency', 'semantic_mismatch', 'listIntegrationCatalog', `the catalog says ${kind} has ${entry.actionCount} actions; its actions endpoint lists ${slugs.length}`);
          }
        }
        if (!packJudged || !connectableKinds(context).includes(kind) || !(await connectKind(context, key, kind, credentials, ['installIntegrationPack']))) return;
        const exchange = await install(context, key, 'installIntegrationPack', kind, context.agentOf(key.org)!);
        const { status } = exchange.response;
        if (entry.hasPack ? status !== 200 : status !== 404) {
          context.fail('catalog_consistency', 'semantic_mismatch', 'installIntegrationPack', `the catalog says ${kind} ${entry.hasPack ? 'ships' : 'ships no'} pack; installing it on a connected ${kind} answered ${status} (expected ${entry.hasPack ? 200 : 404})`, exchange);
        }
      }),
    );
  },
};
