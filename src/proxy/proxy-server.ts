import { once } from 'node:events';
import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Contract } from '../contract/contract.js';
import { createHostGuard } from '../mock/host-guard.js';
import { problem } from '../mock/problems.js';
import { problemResponse } from '../mock/render.js';
import { ToolError } from '../tool-errors.js';
import { HarWriter } from '../traffic/har-writer.js';
import { TrafficValidator } from '../traffic/traffic-validator.js';
import { harEntry } from './har-entry.js';
import { PROXY_CORS_HEADERS } from './proxy-cors.js';
import type { ExchangeOutcome } from './exchange-outcome.js';
import type { ExchangeSettings } from './exchange-settings.js';
import { proxyExchange } from './proxy-exchange.js';
import { exchangeLines } from './proxy-log.js';
import { SecretMemory } from './secret-memory.js';
import { scrubText } from './redaction.js';
import { sendAnswer } from './send-answer.js';
import type { ProxyTarget } from './target.js';
import { Upstream } from './upstream.js';

export interface ProxySettings {
  readonly contract: Contract;
  readonly target: ProxyTarget;
  readonly port: number;
  readonly host: string;
  /** Refuse invalid requests with the mock's own problem, and replace answers that break a documented rule with a 502. */
  readonly errors?: boolean;
  /** Judge only on the documented rules, as `test --documented-only`. */
  readonly documentedOnly?: boolean;
  /**
   * A judged exchange, request and answer bodies included, within this many milliseconds; traffic the contract does
   * not judge is piped through, bounded only by this long a silence of the target.
   */
  readonly timeoutMs: number;
  /** Bodies are judged (and recorded) up to this many bytes; larger ones are streamed on, not validated. */
  readonly maxBodyBytes: number;
  /** Host names to answer besides localhost, IP addresses and `host` (`--allowed-host`; see the mock's host-guard.ts). */
  readonly allowedHosts?: readonly string[];
  /** Record every exchange to this HAR file, secrets redacted. */
  readonly recordPath?: string;
  /** Log only violations, target faults and answers not validated. */
  readonly quiet?: boolean;
  /** Where log lines go; none when omitted. */
  readonly log?: (text: string) => void;
  /** The HAR's creator. */
  readonly toolVersion?: string;
}

/** What the proxy has seen since it started. */
export interface ProxyStats {
  exchanges: number;
  /** Outside the API's base path, or a route the contract does not describe: piped through, not judged. */
  notJudged: number;
  /** Answers over the cap or not decodable: forwarded, their body not judged. */
  notValidated: number;
  violations: number;
  refused: number;
  replaced: number;
  /** Exchanges the target failed (timeout, reset, unreachable). */
  faults: number;
  /** Requests refused for a Host the proxy is not served under (DNS rebinding): never forwarded, never exchanges. */
  hostRefused: number;
  recorded: number;
}

export interface RunningProxy {
  /** `http://127.0.0.1:4010` */
  readonly origin: string;
  /** The origin and the contract's base path: what an app is pointed at. */
  readonly baseUrl: string;
  readonly stats: Readonly<ProxyStats>;
  /** Stops listening, cancels the exchanges under way, and finishes the HAR file. */
  close(): Promise<void>;
}

/** Distinct refused Host names logged, at most. */
const REFUSED_NAMES_LOGGED = 20;

/** The validating proxy, listening: every exchange judged, logged, passed on (or refused), and recorded when asked. */
export async function startProxy(settings: ProxySettings): Promise<RunningProxy> {
  // The mock's DNS-rebinding guard: a page whose name is re-pointed at 127.0.0.1 would otherwise read, as same-origin,
  // whatever the target answers (an internal staging server's pages outside the API included).
  const refusedHost = createHostGuard({ listenHost: settings.host, allowedHosts: settings.allowedHosts, server: 'proxy' });
  const log = settings.log ?? (() => {});
  const hidden = new SecretMemory();
  // Opened once listening: a port that is taken must not cost the previous recording.
  let recorder: HarWriter | undefined;
  const upstream = new Upstream(settings.target.origin, settings.timeoutMs);
  let stopping = false;
  const exchangeSettings: ExchangeSettings = {
    target: settings.target,
    upstream,
    validator: new TrafficValidator(settings.contract, { documentedOnly: settings.documentedOnly }),
    contractBasePath: settings.contract.basePath,
    errors: settings.errors ?? false,
    timeoutMs: settings.timeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    hidden,
    submitted: new SecretMemory(),
    get recording() {
      return recorder !== undefined;
    },
    stopping: () => stopping,
  };
  const stats: ProxyStats = { exchanges: 0, notJudged: 0, notValidated: 0, violations: 0, refused: 0, replaced: 0, faults: 0, hostRefused: 0, recorded: 0 };
  const pending = new Set<Promise<void>>();
  // Each refused name is logged once (a page retrying in a loop would flood the log), without any user info before an
  // `@`, and scrubbed as every line is; past REFUSED_NAMES_LOGGED names, only the count in the summary grows.
  const refusedNames = new Set<string>();
  const logRefusedHost = (header: string) => {
    const name = header.slice(header.lastIndexOf('@') + 1).slice(0, 100);
    if (refusedNames.has(name) || refusedNames.size >= REFUSED_NAMES_LOGGED) return;
    refusedNames.add(name);
    log(`flowyte-contract proxy: refused requests for Host "${scrubText(name, hidden)}": not a name this proxy is served under (--allowed-host NAME allows one)\n`);
  };

  const settle = (outcome: ExchangeOutcome | undefined) => {
    if (!outcome) return;
    stats.exchanges++;
    if (!outcome.judged) stats.notJudged++;
    if (outcome.notValidated) stats.notValidated++;
    if (outcome.outcome === 'refused') stats.refused++;
    if (outcome.outcome === 'replaced') stats.replaced++;
    const fault = outcome.outcome.startsWith('target_');
    if (fault) stats.faults++;
    stats.violations += outcome.violations.length;
    // With --quiet, an exchange that went well costs no log text at all.
    const notable = fault || outcome.notValidated !== undefined;
    if (!settings.quiet || notable || outcome.violations.length) log(logLines(outcome, notable, settings.quiet ?? false));
    if (recorder && outcome.recorded) {
      stats.recorded++;
      void recorder.append(harEntry(outcome.recorded(), hidden));
    }
  };

  const server: Server = createServer({ requireHostHeader: false }, (req, res) => {
    const refusal = refusedHost(req.headers.host);
    if (refusal) {
      stats.hostRefused++;
      logRefusedHost(String(req.headers.host));
      // Whatever it sends is not read: the connection closes after the answer.
      return sendAnswer(res, problemResponse(refusal, (req.url ?? '').split('?')[0]!, req.headers.accept), { ...PROXY_CORS_HEADERS, connection: 'close' });
    }
    const done = proxyExchange(req, res, exchangeSettings)
      .then(settle)
      .catch((error: Error) => log(`flowyte-contract proxy: could not log or record an exchange: ${error.message.split('\n')[0]}\n`))
      .finally(() => pending.delete(done));
    pending.add(done);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => refuseUnparsable(error, socket));
  try {
    server.listen(settings.port, settings.host);
    await once(server, 'listening');
  } catch (error) {
    await upstream.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ToolError('PORT_IN_USE', `port ${settings.port} on ${settings.host} is already in use`);
    throw new ToolError('LISTEN_FAILED', `cannot listen on ${settings.host}:${settings.port} (${code ?? (error as Error).message})`);
  }
  try {
    recorder = settings.recordPath ? await openRecording(settings, log) : undefined;
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    await upstream.close();
    throw error;
  }
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: origin + settings.contract.basePath,
    stats,
    async close() {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Every client's connection closes, which cancels its exchange with the target: each ends, and is recorded.
      server.closeAllConnections();
      await Promise.allSettled([...pending]);
      await upstream.close();
      await closed;
      await recorder?.close();
    },
  };
}

async function openRecording(settings: ProxySettings, log: (text: string) => void): Promise<HarWriter> {
  try {
    return await HarWriter.create(settings.recordPath!, {
      creator: { name: 'flowyte-contract proxy', version: settings.toolVersion ?? '0' },
      comment: `recorded in front of ${settings.target.origin}${settings.target.basePath}; Authorization keys, credential fields and cookies redacted`,
      onError: (error) => log(`flowyte-contract proxy: recording to ${settings.recordPath} stopped: ${(error as NodeJS.ErrnoException).code ?? error.message}\n`),
    });
  } catch (error) {
    throw new ToolError('USAGE', `--record: cannot write ${settings.recordPath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function logLines(outcome: ExchangeOutcome, notable: boolean, quiet: boolean): string {
  const note = outcome.outcome !== 'forwarded' ? outcome.outcome : !outcome.covered ? 'not judged (outside the API)' : !outcome.judged ? 'not judged (not in the contract)' : outcome.notValidated ? `not validated: ${outcome.notValidated}` : undefined;
  // The violations come scrubbed of every secret and key seen (judge-answer.ts); the validator names a leak masked, `shp…7b`.
  const at = new Date(outcome.startedMs);
  return exchangeLines({ at, method: outcome.method, path: outcome.path, status: outcome.status, durationMs: outcome.durationMs, note, notable }, outcome.violations, quiet);
}

/** A request Node's parser refuses gets a problem+json, as from the mock, instead of a bare status line. */
function refuseUnparsable(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const answer = problemResponse(problem(status === 431 ? 'headers_too_large' : 'malformed_request', 'The HTTP request could not be parsed.'), '', undefined);
  const headers = { ...answer.headers, ...PROXY_CORS_HEADERS, 'content-length': String(Buffer.byteLength(answer.body)), connection: 'close' };
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${answer.body}`);
}
