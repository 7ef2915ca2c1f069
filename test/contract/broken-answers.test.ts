import { describe, expect, it } from 'vitest';
import { BROKEN_VARIANT_GROUPS } from './broken-variants.js';
import { describeBrokenVariants, runAgainst } from './support/broken-variant-run.js';

describe('the suites against the correct mock', () => {
  it('should pass it on every check', async () => {
    const { exitCode, report, output } = await runAgainst(undefined);
    expect(report.failures, output).toEqual([]);
    expect(exitCode).toBe(0);
    expect(report.checks.filter((c) => c.status === 'skipped')).toEqual([]);
  }, 60_000);
});

describeBrokenVariants('the checks every answer gets, against mocks whose answers break the contract', BROKEN_VARIANT_GROUPS.answers);
