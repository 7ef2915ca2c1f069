import { BINDING_REFUSAL_VARIANTS } from './broken-variants/binding-refusals.js';
import { BOUNDARY_VARIANTS } from './broken-variants/boundaries.js';
import type { BrokenVariant } from './broken-variants/helpers.js';
import { HOST_AND_BODY_LIMIT_VARIANTS } from './broken-variants/host-and-body-limits.js';
import { PAGINATION_VARIANTS } from './broken-variants/pagination.js';
import { RESPONSE_CHECK_VARIANTS } from './broken-variants/response-checks.js';
import { SUITE_VARIANTS } from './broken-variants/suites.js';

export type { BrokenVariant } from './broken-variants/helpers.js';

/**
 * The deliberately broken mocks by the test file that runs them (test/contract/broken-{answers,behaviour,boundaries}.test.ts,
 * half a minute or so each, so that the test workers share them out): those the per-response checks catch; those the
 * suites catch by behaviour (state, tenancy, scopes, pages); those that accept what the contract refuses.
 */
export const BROKEN_VARIANT_GROUPS = {
  answers: RESPONSE_CHECK_VARIANTS,
  behaviour: [...SUITE_VARIANTS, ...PAGINATION_VARIANTS],
  boundaries: [...BOUNDARY_VARIANTS, ...BINDING_REFUSAL_VARIANTS, ...HOST_AND_BODY_LIMIT_VARIANTS],
} as const satisfies Record<string, readonly BrokenVariant[]>;

/** Every deliberately broken mock, in a fixed order: made of the groups, so that none is left out of a test file. */
export const BROKEN_VARIANTS: readonly BrokenVariant[] = Object.values(BROKEN_VARIANT_GROUPS).flat();
