import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/contract/report.js';
import { captureIo, serveMock, writeTestConfig } from '../support/served-mock.js';
import { ALLOWED_VARIANTS } from './allowed-variants.js';

describe('the suites against correct implementations that chose differently from the mock', () => {
  it.each(ALLOWED_VARIANTS.map((variant) => [variant.name, variant] as const))('should pass one where %s', async (_, variant) => {
    const mock = await serveMock(variant.handle);
    const reportDir = mkdtempSync(join(tmpdir(), 'flowyte-allowed-'));
    const { io, out } = captureIo();
    try {
      const args = ['test', '--config', writeTestConfig(mock.baseUrl), '--seed', '7', '--runs', '40', '--report-dir', reportDir, '--checks', variant.checks, ...(variant.extra ?? [])];
      const exitCode = await main(args, io);
      const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as Report;
      expect(report.failures.map((f) => `${f.check} ${f.operationId}: ${f.message}`), out.join('')).toEqual([]);
      expect(exitCode).toBe(0);
    } finally {
      await mock.close();
    }
  }, 120_000);
});
