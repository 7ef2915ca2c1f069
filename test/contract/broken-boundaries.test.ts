import { BROKEN_VARIANT_GROUPS } from './broken-variants.js';
import { describeBrokenVariants } from './support/broken-variant-run.js';

describeBrokenVariants('the suites against mocks that accept what the contract refuses (bounds, bindings, hosts, body size)', BROKEN_VARIANT_GROUPS.boundaries);
