import { BROKEN_VARIANT_GROUPS } from './broken-variants.js';
import { describeBrokenVariants } from './support/broken-variant-run.js';

describeBrokenVariants('the suites against mocks that behave against the contract (state, tenancy, scopes, pages)', BROKEN_VARIANT_GROUPS.behaviour);
