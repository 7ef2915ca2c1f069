import { availableParallelism } from 'node:os';
import type { ServerResult } from './bench-report.js';
import { measureCoreCreation } from './core-creation.js';
import { formatReport } from './format-report.js';
import { CONNECTIONS, readRssMb, runLoad, type LoadFigures } from './measure.js';
import { READINESS_PROBE, SCENARIOS } from './scenarios.js';
import { SERVERS, type ServerDefinition } from './servers.js';
import { freePort } from '../support/free-port.js';
import { killAllServers, startServer } from './spawn-server.js';
import { benchProxy, formatProxyFigures } from './proxy-bench.js';
import { benchScrub } from './scrub-bench.js';

// `npm run bench`: the mock against Prism's mock of the same contract and a bare node:http server, one server
// at a time, after creating mock cores in this process. Prints figures and targets; exits 1 only when a server
// fails to start or the load tool fails.

const WARMUP_SEC = 1;
const DEFAULT_DURATION_SEC = 5;
/** Spawns per server for the start-up figure (the median is reported): one start is too noisy to judge. */
const STARTUP_RUNS = 5;

function durationFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_DURATION_SEC;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_DURATION must be a positive number of seconds, got "${raw}"`);
  return seconds;
}

const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function benchServer(definition: ServerDefinition, durationSec: number): Promise<ServerResult> {
  const startupRunsMs: number[] = [];
  for (let run = 1; run < STARTUP_RUNS; run++) {
    const started = await startServer(definition, await freePort(), READINESS_PROBE);
    startupRunsMs.push(started.startupMs);
    await started.stop();
  }
  const server = await startServer(definition, await freePort(), READINESS_PROBE);
  startupRunsMs.push(server.startupMs);
  try {
    progress(`${server.name} (pid ${server.pid}) answered after ${startupRunsMs.map((ms) => ms.toFixed(0)).join(', ')} ms in ${STARTUP_RUNS} starts, on ${server.origin}${server.basePath}`);
    const rssIdleMb = await readRssMb(server.pid);
    const loads = new Map<string, LoadFigures>();
    for (const scenario of SCENARIOS) {
      const url = `${server.origin}${server.basePath}${scenario.path}`;
      progress(`${server.name}: ${scenario.method} ${url}, ${WARMUP_SEC} s warm-up + ${durationSec} s`);
      await runLoad(url, scenario, WARMUP_SEC);
      loads.set(scenario.name, await runLoad(url, scenario, durationSec));
      const exited = server.exited();
      if (exited !== undefined) throw new Error(`${server.name} stopped during the ${scenario.name} load (${exited})`);
    }
    const rssAfterLoadMb = await readRssMb(server.pid);
    const { name, basePath, probeAnswers } = server;
    return { name, basePath, probeAnswers, startupMs: median(startupRunsMs), startupRunsMs, rssIdleMb, rssAfterLoadMb, loads };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const durationSec = durationFromEnv(process.env['BENCH_DURATION']);
  // First, while this process has loaded none of the mock's modules.
  const coreCreation = await measureCoreCreation();
  progress(`in-process: createMockCore() ${coreCreation.warmMedianMs.toFixed(2)} ms warm (first ${coreCreation.firstMs.toFixed(1)} ms after a ${coreCreation.importMs.toFixed(0)} ms import)`);
  const servers: ServerResult[] = [];
  for (const definition of SERVERS) servers.push(await benchServer(definition, durationSec));
  progress('the validating proxy in front of the bare server');
  const proxy = await benchProxy(durationSec, progress);
  process.stdout.write(
    formatReport({
      durationSec,
      warmupSec: WARMUP_SEC,
      connections: CONNECTIONS,
      cores: availableParallelism(),
      nodeVersion: process.version,
      scenarios: SCENARIOS.map((scenario) => scenario.name),
      coreCreation,
      servers,
    }),
  );
  process.stdout.write(formatProxyFigures(proxy, availableParallelism()));
  process.stdout.write(benchScrub());
}

// Children must not outlive the bench, whichever way it ends.
process.once('exit', killAllServers);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    killAllServers();
    process.stderr.write(`bench: interrupted by ${signal}\n`);
    process.exit(code);
  });
}

try {
  await main();
} catch (error) {
  killAllServers();
  process.stderr.write(`bench: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
