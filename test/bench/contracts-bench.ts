import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
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

// `npm run bench:contracts [-- --latency MS] [--body-mb MB] [--runs N] [--workers 1,8]`: the default suite
// (every check, 100 runs per property) against a local mock in its own process, timed for each worker count,
// side by side. `--latency 50` puts an in-process proxy that holds every request 50 ms in front of the mock (a
// target one region away); `--body-mb 5` one in a process of its own that pads every answer to 5 MB, and the
// runner's peak memory is printed. Targets on the 2-core reference machine, with the default workers: under 60 s,
// at 50 ms too; under 300 MB peak RSS against 5 MB bodies. Prints figures, never fails on them.
const { values } = parseArgs({ options: { latency: { type: 'string', default: '0' }, 'body-mb': { type: 'string', default: '0' }, runs: { type: 'string', default: '100' }, workers: { type: 'string', default: `1,${DEFAULT_WORKERS}` } } });
const latency = Number(values.latency);
const bodyMb = Number(values['body-mb']);
const runs = Number(values.runs);
const workerCounts = values.workers.split(',').map(Number);
const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));
const TARGET_SECONDS = 60;
const TARGET_RSS_MB = 300;

let padding: ChildProcess | undefined;
/** The padding proxy in a child process, once it printed its origin. */
async function startPaddingProxy(upstreamOrigin: string, bytes: number): Promise<string> {
  padding = spawn(process.execPath, [fileURLToPath(new URL('./padding-proxy.js', import.meta.url)), upstreamOrigin, String(bytes)], { stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => padding?.kill());
  const [line] = (await once(padding.stdout!, 'data')) as [Buffer];
  return line.toString().trim();
}

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
const upstream = bodyMb > 0 ? await startPaddingProxy(`http://127.0.0.1:${port}`, bodyMb * 1024 * 1024) : `http://127.0.0.1:${port}`;
const proxy = latency > 0 ? await startDelayingProxy(upstream, latency) : undefined;
const target = `${proxy?.origin ?? upstream}/api/v1`;
const config = parseTestConfig(testConfigOf(BUILT_IN_DATA, target), 'built-in', {});
const contract = await loadContract(defaultSpecPath());

console.log(`flowyte-contract bench:contracts — the default suite (${runs} runs per property) against the local mock${latency ? `, ${latency} ms away` : ''}${bodyMb ? `, every answer padded to ${bodyMb} MB` : ''} (client and mock share the cores)`);
console.log('  workers   wall time     requests   requests/s   checks');
for (const workers of workerCounts) {
  const started = performance.now();
  const report = await runContracts({ contract, config, suites: SUITES, seed: 1, runs, workers });
  const seconds = (performance.now() - started) / 1000;
  // The time target is for a conformant target; padded bodies are about memory.
  const verdict = workers === DEFAULT_WORKERS && bodyMb === 0 ? `   (target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? 'PASS' : 'MISS'})` : '';
  console.log(`  ${String(workers).padStart(7)}   ${seconds.toFixed(2).padStart(7)} s   ${String(report.requests).padStart(8)}   ${(report.requests / seconds).toFixed(0).padStart(10)}   ${report.summary.passed} passed, ${report.summary.failed} failed${verdict}`);
}
if (bodyMb > 0) {
  // maxRSS is the process's peak so far (KiB): the runner's, the mock and the padding proxy being children.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`  peak RSS of the runner: ${peakMb.toFixed(0)} MB   (target < ${TARGET_RSS_MB} MB: ${peakMb < TARGET_RSS_MB ? 'PASS' : 'MISS'})`);
}
await proxy?.close();
mock.kill();
padding?.kill();
