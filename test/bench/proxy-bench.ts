import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { freePort } from '../support/free-port.js';
import { runLoad } from './measure.js';
import { READINESS_PROBE } from './scenarios.js';
import { startServer } from './spawn-server.js';

// The validating proxy in front of the bare node:http server, against that server alone: how much latency the
// proxy adds to each exchange (median of requests sent one at a time, timed in this process) and how much of the
// direct throughput it keeps (the load tool's 50 connections). Validation is on: the bare server's answer is a
// conformant connection list, judged whole on every exchange.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Requests timed one at a time for the latency figure, after as many to warm up. */
const TIMED_REQUESTS = 2_000;

export interface ProxyFigures {
  readonly directMedianMs: number;
  readonly proxiedMedianMs: number;
  readonly directRequestsPerSec: number;
  readonly proxiedRequestsPerSec: number;
  /** Answers the proxy flagged with a violation header during the timed requests (expected 0: the answer conforms). */
  readonly flagged: number;
}

/** Median round trip of one request at a time to `origin + path`, and how many answers carried a violation header. */
async function medianRoundTrip(origin: string, path: string): Promise<{ medianMs: number; flagged: number }> {
  const pool = new Pool(origin, { connections: 1 });
  const times: number[] = [];
  let flagged = 0;
  try {
    for (let i = 0; i < 2 * TIMED_REQUESTS; i++) {
      const started = process.hrtime.bigint();
      const { body, headers } = await pool.request({ method: 'GET', path, headers: READINESS_PROBE.headers });
      await body.text();
      if (i >= TIMED_REQUESTS) times.push(Number(process.hrtime.bigint() - started) / 1e6);
      const header = headers['x-flowyte-violations'];
      if (i >= TIMED_REQUESTS && typeof header === 'string' && header !== '[]') flagged++;
    }
  } finally {
    await pool.close();
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, flagged };
}

export async function benchProxy(durationSec: number, progress: (text: string) => void): Promise<ProxyFigures> {
  const bare = await startServer({ name: 'bare', args: (port) => [fileURLToPath(new URL('./bare-server.js', import.meta.url)), String(port)], basePaths: ['/api/v1'] }, await freePort(), READINESS_PROBE);
  try {
    const target = `${bare.origin}/api/v1`;
    const proxy = await startServer(
      { name: 'proxy', args: (port) => [`${ROOT}dist/src/bin.js`, 'proxy', '--target', target, '--port', String(port), '--quiet'], basePaths: ['/api/v1'] },
      await freePort(),
      READINESS_PROBE,
    );
    try {
      const path = `/api/v1${READINESS_PROBE.path}`;
      progress(`proxy (pid ${proxy.pid}) on ${proxy.origin} in front of the bare server on ${bare.origin}: ${TIMED_REQUESTS} requests one at a time each, then ${durationSec} s of load each`);
      const direct = await medianRoundTrip(bare.origin, path);
      const proxied = await medianRoundTrip(proxy.origin, path);
      await runLoad(`${bare.origin}${path}`, READINESS_PROBE, 1);
      const directLoad = await runLoad(`${bare.origin}${path}`, READINESS_PROBE, durationSec);
      await runLoad(`${proxy.origin}${path}`, READINESS_PROBE, 1);
      const proxiedLoad = await runLoad(`${proxy.origin}${path}`, READINESS_PROBE, durationSec);
      return {
        directMedianMs: direct.medianMs,
        proxiedMedianMs: proxied.medianMs,
        directRequestsPerSec: directLoad.requestsPerSec,
        proxiedRequestsPerSec: proxiedLoad.requestsPerSec,
        flagged: proxied.flagged,
      };
    } finally {
      await proxy.stop();
    }
  } finally {
    await bare.stop();
  }
}

/** The proxy's figures beside its targets (#11): under 1 ms added median latency, at least 50% of direct throughput. */
export function formatProxyFigures(figures: ProxyFigures): string {
  const added = figures.proxiedMedianMs - figures.directMedianMs;
  const ratio = figures.proxiedRequestsPerSec / figures.directRequestsPerSec;
  return [
    '',
    'validating proxy in front of the bare server (validation on)',
    `  median latency, one request at a time: direct ${figures.directMedianMs.toFixed(3)} ms, through the proxy ${figures.proxiedMedianMs.toFixed(3)} ms`,
    `  added median latency: ${added.toFixed(3)} ms  (target < 1 ms: ${added < 1 ? 'PASS' : 'MISS'})`,
    `  throughput, 50 connections: direct ${figures.directRequestsPerSec.toFixed(0)} req/s, through the proxy ${figures.proxiedRequestsPerSec.toFixed(0)} req/s = ${(ratio * 100).toFixed(0)}%  (target ≥ 50%: ${ratio >= 0.5 ? 'PASS' : 'MISS'})`,
    `  answers flagged during the timed requests: ${figures.flagged} (the bare answer conforms: 0 expected)`,
    '',
  ].join('\n');
}
