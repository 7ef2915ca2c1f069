import { PAGINATION_VARIANTS } from './broken-variants/pagination.js';
import { SUITE_VARIANTS } from './broken-variants/suites.js';
import { describeBrokenVariants } from './support/broken-variant-run.js';

describeBrokenVariants('the suites against mocks that behave against the contract (state, tenancy, scopes, pages)', [...SUITE_VARIANTS, ...PAGINATION_VARIANTS]);
