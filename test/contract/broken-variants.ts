import type { BrokenVariant } from './broken-variants/helpers.js';
import { RESPONSE_CHECK_VARIANTS } from './broken-variants/response-checks.js';
import { SUITE_VARIANTS } from './broken-variants/suites.js';

export type { BrokenVariant } from './broken-variants/helpers.js';

/** Every deliberately broken mock, in a fixed order: those the per-response checks catch, then those the suites catch. */
export const BROKEN_VARIANTS: readonly BrokenVariant[] = [...RESPONSE_CHECK_VARIANTS, ...SUITE_VARIANTS];
