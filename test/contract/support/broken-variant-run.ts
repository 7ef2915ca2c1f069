import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { CHECKS, type CheckId } from '../../../src/contract/checks.js';
import type { Report } from '../../../src/contract/report.js';
import { captureIo, serveMock, writeTestConfig } from '../../support/served-mock.js';
import type { BrokenVariant } from '../broken-variants.js';

/**
 * Runs the suites of `checks` (all of them when omitted, or for a response check, which judges every suite's
 * traffic) with 30 runs each; a response check, with every suite driving, gets 10 runs of each suite, and
 * negative_data_rejection the default 100, which it spreads over every operation with something to break.
 */
export async function runAgainst(wrap: Parameters<typeof serveMock>[0], checks?: string) {
  const mock = await serveMock(wrap);
  const reportDir = mkdtempSync(join(tmpdir(), 'flowyte-report-'));
  const { io, out } = captureIo();
  const runs = checks === 'negative_data_rejection' ? '100' : checks && CHECKS[checks as CheckId].kind === 'response' ? '10' : '30';
  try {
    const args = ['test', '--config', writeTestConfig(mock.baseUrl), '--seed', '7', '--runs', runs, '--report-dir', reportDir];
    const exitCode = await main(checks ? [...args, '--checks', checks] : args, io);
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;
    return { exitCode, report, output: out.join('') };
  } finally {
    await mock.close();
  }
}

/**
 * One test per variant: the suites of the check said to catch it fail on it, with exit 1. The variants are spread
 * over a few test files (see BROKEN_VARIANT_GROUPS) so that the test workers share them out.
 */
export function describeBrokenVariants(title: string, variants: readonly BrokenVariant[]): void {
  describe(title, () => {
    it.each(variants.map((variant) => [variant.caughtBy, variant.name, variant] as const))(
      'should fail %s on a mock that %s',
      async (_, __, variant) => {
        const { exitCode, report, output } = await runAgainst(variant.handle, variant.caughtBy);
        expect(report.failures.map((f) => f.check), output).toContain(variant.caughtBy);
        expect(exitCode).toBe(1);
      },
      60_000,
    );
  });
}
