import type fc from 'fast-check';
import type { CheckId } from './checks.js';
import type { SuiteContext } from './suite-context.js';

/**
 * A property suite: the check it proves, a reason to skip when the configured keys cannot exercise it, and
 * the fast-check property itself (whose predicate calls `context.run`).
 */
export interface Suite {
  readonly id: CheckId;
  skipReason?(context: SuiteContext): string | undefined;
  /**
   * The operations whose answers this suite's check judges: the cells of the report's matrix it can fill
   * (the others are `not_applicable`). Every operation the suites may judge when omitted.
   */
  operations?(context: SuiteContext): readonly string[];
  property(context: SuiteContext): fc.IAsyncProperty<any> | fc.IAsyncPropertyWithHooks<any>;
}
