import type { Suite } from '../src/contract/suite.js';
import { authRequired } from './auth-required.js';
import { bindingRefusals } from './binding-refusals.js';
import { bodyLimit } from './body-limit.js';
import { catalogConsistency } from './catalog-consistency.js';
import { connectSemantics } from './connect-semantics.js';
import { idempotentRetries } from './idempotent-retries.js';
import { negativeDataRejection } from './negative-data.js';
import { pagination } from './pagination.js';
import { positiveDataAcceptance } from './positive-data.js';
import { privateHostRefusal } from './private-host-refusal.js';
import { scopeEnforced, scopeSufficient } from './scopes.js';
import { scopingSemantics } from './scoping-semantics.js';
import { secretNonDisclosure } from './secret-non-disclosure.js';
import { stateful } from './stateful.js';
import { tenantIsolation } from './tenant-isolation.js';

/** Every property suite, in the order they run. Response checks need no suite of their own: they judge all traffic. */
export const SUITES: readonly Suite[] = [
  authRequired,
  scopeEnforced,
  scopeSufficient,
  tenantIsolation,
  secretNonDisclosure,
  negativeDataRejection,
  positiveDataAcceptance,
  connectSemantics,
  scopingSemantics,
  idempotentRetries,
  catalogConsistency,
  bindingRefusals,
  privateHostRefusal,
  bodyLimit,
  pagination,
  stateful,
];
