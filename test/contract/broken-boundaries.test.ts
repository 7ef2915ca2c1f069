import { BINDING_REFUSAL_VARIANTS } from './broken-variants/binding-refusals.js';
import { BOUNDARY_VARIANTS } from './broken-variants/boundaries.js';
import { HOST_AND_BODY_LIMIT_VARIANTS } from './broken-variants/host-and-body-limits.js';
import { describeBrokenVariants } from './support/broken-variant-run.js';

describeBrokenVariants('the suites against mocks that accept what the contract refuses (bounds, bindings, hosts, body size)', [...BOUNDARY_VARIANTS, ...BINDING_REFUSAL_VARIANTS, ...HOST_AND_BODY_LIMIT_VARIANTS]);
