import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SUITES } from '../../contracts/index.js';
import { parseTestConfig } from '../../src/contract/config.js';
import { loadContract } from '../../src/contract/contract.js';
import { runContracts } from '../../src/contract/runner.js';
import { defaultSpecPath } from '../../src/spec/load-spec.js';
import { freePort } from '../support/free-port.js';
import { BUILT_IN_DATA, testConfigOf } from '../../src/mock/mock-data.js';

// `npm run bench:contracts`: the default suite (every check, 100 runs per property) against a local mock in
// its own process, timed. Target: under 60 s on the 2-core reference machine. Prints figures, never fails on them.
const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const TARGET_SECONDS = 60;

const port = await freePort();
const mock = spawn(process.execPath, [BIN, 'mock', '--port', String(port), '--quiet'], { stdio: 'ignore' });
process.once('exit', () => mock.kill());
const target = `http://127.0.0.1:${port}/api/v1`;
for (let waited = 0; ; waited += 20) {
  try {
    await fetch(`${target}/integrations/catalog`);
    break;
  } catch {
    if (waited > 30_000) throw new Error('the mock did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const config = parseTestConfig(testConfigOf(BUILT_IN_DATA, target), 'built-in', {});
const contract = await loadContract(defaultSpecPath());
const started = performance.now();
const report = await runContracts({ contract, config, suites: SUITES, seed: 1, runs: 100 });
const seconds = (performance.now() - started) / 1000;
mock.kill();

console.log('flowyte-contract bench:contracts — the default suite against the local mock (client and mock share the cores)');
console.log(`  checks           ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`);
console.log(`  wall time        ${seconds.toFixed(2)} s   (target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'PASS' : 'MISS'})`);
console.log(`  requests sent    ${report.requests}`);
console.log(`  requests/s       ${(report.requests / seconds).toFixed(0)}`);
