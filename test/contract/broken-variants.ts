import { BINDING_REFUSAL_VARIANTS } from './broken-variants/binding-refusals.js';
import { BOUNDARY_VARIANTS } from './broken-variants/boundaries.js';
import type { BrokenVariant } from './broken-variants/helpers.js';
import { HOST_AND_BODY_LIMIT_VARIANTS } from './broken-variants/host-and-body-limits.js';
import { PAGINATION_VARIANTS } from './broken-variants/pagination.js';
import { RESPONSE_CHECK_VARIANTS } from './broken-variants/response-checks.js';
import { SUITE_VARIANTS } from './broken-variants/suites.js';

export type { BrokenVariant } from './broken-variants/helpers.js';

/** Every deliberately broken mock, in a fixed order: those the per-response checks catch, then those the suites catch. Each group is run by one of test/contract/broken-{answers,behaviour,boundaries}.test.ts. */
export const BROKEN_VARIANTS: readonly BrokenVariant[] = [...RESPONSE_CHECK_VARIANTS, ...SUITE_VARIANTS, ...BOUNDARY_VARIANTS, ...BINDING_REFUSAL_VARIANTS, ...HOST_AND_BODY_LIMIT_VARIANTS, ...PAGINATION_VARIANTS];
