import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../src/contract/checks.js';
import { loadTestConfig } from '../src/contract/config.js';
import { loadContract } from '../src/contract/contract.js';
import { runContracts } from '../src/contract/runner.js';
import { defaultSpecPath } from '../src/spec/load-spec.js';
import { SUITES } from './index.js';

// The suites under vitest, one test per check, against the target of a config file:
//   FLOWYTE_CONFIG=flowyte.yaml npx vitest run --dir contracts
// (`flowyte-contract test` runs the same suites with reports; `npm test` does not run this file.)
const configPath = process.env.FLOWYTE_CONFIG;

describe.skipIf(!configPath)('the Flowyte Integrations contract', () => {
  const setup = configPath
    ? Promise.all([loadContract(defaultSpecPath()), Promise.resolve(loadTestConfig(configPath, process.env, process.env.FLOWYTE_TARGET))])
    : undefined;

  it.each(CHECK_IDS)('%s', async (check) => {
    const [contract, config] = await setup!;
    const seed = Number(process.env.FLOWYTE_SEED ?? Date.now() % 2 ** 31);
    const report = await runContracts({ contract, config, suites: SUITES, checks: [check], seed, runs: Number(process.env.FLOWYTE_RUNS ?? 50) });
    const failures = report.failures.map((f) => `${f.operationId}: ${f.message}\n  ${f.curl ?? ''}\n  replay: ${f.replay}`);
    expect(failures, `seed ${seed}`).toEqual([]);
  }, 120_000);
});
