import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { freePort } from '../support/free-port.js';
import { runLoad } from './measure.js';
import { READINESS_PROBE } from './scenarios.js';
import { startServer, type RunningServer } from './spawn-server.js';

// The validating proxy in front of the bare node:http server, against that server alone: how much latency the
// proxy adds to each exchange (median of requests sent one at a time, timed in this process) and how much of the
// direct throughput it keeps (the load tool's 50 connections). Validation is on: the bare server's answer is a
// conformant connection list, judged whole on every exchange.
//
// Throughput on a small machine is bounded by the cores the load tool, the server and whatever stands between them
// share, so two references stand in the same place as the proxy: a plain forwarder (the proxy's own libraries,
// judging nothing) and a TCP relay (bytes only). Each figure is the median of interleaved rounds, because a shared
// machine's speed drifts by more than the differences measured.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Requests timed one at a time for the latency figure, after as many to warm up. */
const TIMED_REQUESTS = 2_000;
/** Interleaved load rounds per server; each figure is their median. */
const ROUNDS = 3;

export interface ProxyFigures {
  readonly directMedianMs: number;
  readonly proxiedMedianMs: number;
  readonly directRequestsPerSec: number;
  readonly proxiedRequestsPerSec: number;
  /** The proxy's libraries forwarding without judging: the ceiling for a proxy built on them, on this machine. */
  readonly plainForwarderRequestsPerSec: number;
  /** Bytes relayed, no HTTP read: the ceiling for anything between the load tool and the server, on this machine. */
  readonly tcpRelayRequestsPerSec: number;
  readonly rounds: number;
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
  return { medianMs: median(times), flagged };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Starts `node <script> <port> ...rest` from dist/ and waits until the list answers through it. */
async function startForwarder(name: string, args: (port: number) => readonly string[]): Promise<RunningServer> {
  return startServer({ name, args, basePaths: ['/api/v1'] }, await freePort(), READINESS_PROBE);
}

export async function benchProxy(durationSec: number, progress: (text: string) => void): Promise<ProxyFigures> {
  const bare = await startServer({ name: 'bare', args: (port) => [fileURLToPath(new URL('./bare-server.js', import.meta.url)), String(port)], basePaths: ['/api/v1'] }, await freePort(), READINESS_PROBE);
  const started: RunningServer[] = [];
  try {
    const target = `${bare.origin}/api/v1`;
    const proxy = await startForwarder('proxy', (port) => [`${ROOT}dist/src/bin.js`, 'proxy', '--target', target, '--port', String(port), '--quiet']);
    started.push(proxy);
    const plain = await startForwarder('plain forwarder', (port) => [fileURLToPath(new URL('./plain-forwarder.js', import.meta.url)), String(port), bare.origin]);
    started.push(plain);
    const relay = await startForwarder('tcp relay', (port) => [fileURLToPath(new URL('./tcp-relay.js', import.meta.url)), String(port), new URL(bare.origin).port]);
    started.push(relay);
    const path = `/api/v1${READINESS_PROBE.path}`;
    progress(`proxy (pid ${proxy.pid}) on ${proxy.origin} in front of the bare server on ${bare.origin}: ${TIMED_REQUESTS} requests one at a time each, then ${ROUNDS} interleaved rounds of ${durationSec} s of load on the server, the proxy, a plain forwarder and a TCP relay`);
    const direct = await medianRoundTrip(bare.origin, path);
    const proxied = await medianRoundTrip(proxy.origin, path);
    const origins = { direct: bare.origin, proxy: proxy.origin, plain: plain.origin, relay: relay.origin };
    const figures: Record<keyof typeof origins, number[]> = { direct: [], proxy: [], plain: [], relay: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, origin] of Object.entries(origins) as [keyof typeof origins, string][]) {
        await runLoad(`${origin}${path}`, READINESS_PROBE, 1);
        figures[name].push((await runLoad(`${origin}${path}`, READINESS_PROBE, durationSec)).requestsPerSec);
      }
      progress(`round ${round}: ${Object.entries(figures).map(([name, values]) => `${name} ${values.at(-1)!.toFixed(0)}`).join(', ')} req/s`);
    }
    return {
      directMedianMs: direct.medianMs,
      proxiedMedianMs: proxied.medianMs,
      directRequestsPerSec: median(figures.direct),
      proxiedRequestsPerSec: median(figures.proxy),
      plainForwarderRequestsPerSec: median(figures.plain),
      tcpRelayRequestsPerSec: median(figures.relay),
      rounds: ROUNDS,
      flagged: proxied.flagged,
    };
  } finally {
    for (const server of started) await server.stop();
    await bare.stop();
  }
}

/** The proxy's figures beside its targets (#11): under 1 ms added median latency, at least 50% of direct throughput. */
export function formatProxyFigures(figures: ProxyFigures, cores: number): string {
  const added = figures.proxiedMedianMs - figures.directMedianMs;
  const share = (rate: number) => `${rate.toFixed(0).padStart(7)} req/s = ${((100 * rate) / figures.directRequestsPerSec).toFixed(0).padStart(3)}% of direct`;
  const ratio = figures.proxiedRequestsPerSec / figures.directRequestsPerSec;
  return [
    '',
    'validating proxy in front of the bare server (validation on)',
    `  median latency, one request at a time: direct ${figures.directMedianMs.toFixed(3)} ms, through the proxy ${figures.proxiedMedianMs.toFixed(3)} ms`,
    `  added median latency: ${added.toFixed(3)} ms  (target < 1 ms: ${added < 1 ? 'PASS' : 'MISS'})`,
    `  throughput, 50 connections, median of ${figures.rounds} interleaved rounds:`,
    `    direct                                         ${figures.directRequestsPerSec.toFixed(0).padStart(7)} req/s`,
    `    through the validating proxy                   ${share(figures.proxiedRequestsPerSec)}  (target ≥ 50%: ${ratio >= 0.5 ? 'PASS' : 'MISS'})`,
    `    through a plain forwarder (node:http + undici,`,
    `      as the proxy, judging nothing)               ${share(figures.plainForwarderRequestsPerSec)}`,
    `    through a TCP relay (bytes only)               ${share(figures.tcpRelayRequestsPerSec)}`,
    `  (the load tool, the server and what stands between them share this machine's ${cores} core${cores === 1 ? '' : 's'}: the references show the ceiling here)`,
    `  answers flagged during the timed requests: ${figures.flagged} (the bare answer conforms: 0 expected)`,
    '',
  ].join('\n');
}
