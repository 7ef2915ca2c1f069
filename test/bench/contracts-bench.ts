import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { SUITES } from '../../contracts/index.js';
import { DEFAULT_WORKERS } from '../../src/cli/test-command.js';
import { parseTestConfig } from '../../src/contract/config.js';
import { loadContract } from '../../src/contract/contract.js';
import { runContracts } from '../../src/contract/runner.js';
import { defaultSpecPath } from '../../src/spec/load-spec.js';
import { BUILT_IN_DATA, testConfigOf } from '../../src/mock/mock-data.js';
import { startDelayingProxy } from '../support/delaying-proxy.js';
import { freePort } from '../support/free-port.js';

// `npm run bench:contracts [-- --latency MS] [--runs N] [--workers 1,8]`: the default suite (every check, 100
// runs per property) against a local mock in its own process, timed for each worker count, side by side.
// `--latency 50` puts an in-process proxy that holds every request 50 ms in front of the mock (a target one
// region away). Targets: under 60 s on the 2-core reference machine with the default workers, at 50 ms too.
// Prints figures, never fails on them.
const { values } = parseArgs({ options: { latency: { type: 'string', default: '0' }, runs: { type: 'string', default: '100' }, workers: { type: 'string', default: `1,${DEFAULT_WORKERS}` } } });
const latency = Number(values.latency);
const runs = Number(values.runs);
const workerCounts = values.workers.split(',').map(Number);
const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const TARGET_SECONDS = 60;

const port = await freePort();
const mock = spawn(process.execPath, [BIN, 'mock', '--port', String(port), '--quiet'], { stdio: 'ignore' });
process.once('exit', () => mock.kill());
for (let waited = 0; ; waited += 20) {
  try {
    await fetch(`http://127.0.0.1:${port}/api/v1/integrations/catalog`);
    break;
  } catch {
    if (waited > 30_000) throw new Error('the mock did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const proxy = latency > 0 ? await startDelayingProxy(`http://127.0.0.1:${port}`, latency) : undefined;
const target = `${proxy?.origin ?? `http://127.0.0.1:${port}`}/api/v1`;
const config = parseTestConfig(testConfigOf(BUILT_IN_DATA, target), 'built-in', {});
const contract = await loadContract(defaultSpecPath());

console.log(`flowyte-contract bench:contracts — the default suite (${runs} runs per property) against the local mock${latency ? `, ${latency} ms away` : ''} (client and mock share the cores)`);
console.log('  workers   wall time     requests   requests/s   checks');
for (const workers of workerCounts) {
  const started = performance.now();
  const report = await runContracts({ contract, config, suites: SUITES, seed: 1, runs, workers });
  const seconds = (performance.now() - started) / 1000;
  const verdict = workers === DEFAULT_WORKERS ? `   (target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'PASS' : 'MISS'})` : '';
  console.log(`  ${String(workers).padStart(7)}   ${seconds.toFixed(2).padStart(7)} s   ${String(report.requests).padStart(8)}   ${(report.requests / seconds).toFixed(0).padStart(10)}   ${report.summary.passed} passed, ${report.summary.failed} failed${verdict}`);
}
await proxy?.close();
mock.kill();
