import type { ConfiguredKey } from '../contract/config.js';
import type { TargetClient } from '../contract/target-client.js';
import { TransportFault } from '../contract/transport-fault.js';
import { RequestGate } from '../mock/request-gate.js';
import type { OpenApiDocument } from '../spec/openapi-types.js';
import { ToolError } from '../tool-errors.js';
import { diffAnswers, type AnswerDifference } from './answer-diff.js';
import { ApiScope } from './api-scope.js';
import { FIDELITY_REPORT_VERSION, MAX_DIFFERENCES, type FidelityReport, type ReplayedExchange } from './fidelity-report.js';
import { exchangeOf, readHar } from './har-reader.js';
import { AgentMap } from './replay-agents.js';
import { KeyMap, type KeyMapping } from './replay-keys.js';
import { CursorMap, planReplay, type RecordedExchange, type ReplayMapping } from './replay-request.js';
import { jsonOrUndefined } from '../json-or-undefined.js';

/**
 * The exchanges of a HAR file, in the order it lists them, read by the HAR reader `check --har` uses (so both
 * take the same files and refuse the same ones, with HAR_INVALID). The file is checked whole at once; each entry
 * is decoded only when its turn comes.
 */
export function readHarExchanges(path: string): { readonly count: number; readonly exchanges: Iterable<RecordedExchange> } {
  const har = readHar(path);
  const entries = har.log.entries;
  function* exchanges(): Generator<RecordedExchange> {
    for (const [index, entry] of entries.entries()) {
      const { url, request, response } = exchangeOf(entry, index, path);
      const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
      yield {
        entry: index,
        method: request.method,
        url: url.href,
        headers: request.headers,
        ...(request.body ? { body: text(request.body) } : {}),
        ...(request.bodyNotRead ? { bodyNotRecorded: true } : {}),
        ...(response ? { response: { status: response.status, headers: response.headers, ...(response.bodyNotRead ? {} : { text: text(response.body) }) } } : {}),
      };
    }
  }
  return { count: entries.length, exchanges: exchanges() };
}

export interface ReplayHarOptions {
  readonly harPath: string;
  /** How the report names the target: a URL (user info redacted) or `the mock (…)`. */
  readonly targetLabel: string;
  readonly client: TargetClient;
  /** The contract the recording's paths are routed with (its base path, operations and credential schemas). */
  readonly document: OpenApiDocument;
  /** The target's keys, and `replay.keys` of the config: fingerprint → key name. */
  readonly keys: readonly ConfiguredKey[];
  readonly keyMapping?: Readonly<Record<string, string>>;
  /** Organization label → an agent of that organization on the target (the config's `agents`). */
  readonly agents: Readonly<Record<string, string>>;
  /** Which entries are the API's (`--base-url`); by default those under the contract's base path on any origin. */
  readonly scope?: ApiScope;
  /** Told of each exchange once compared (or left out), in order: the terminal's line per exchange. */
  readonly onExchange?: (exchange: ReplayedExchange) => void;
  /** Stops the replay (the client's run signal should be the same): the report then holds what was done. */
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

/**
 * Sends a recording's API requests again, one after another in its order (each answer may depend on the state the
 * ones before left), and compares each answer with the recorded one in status and shape. The target is expected
 * to start from the state the recording started from: the mock, freshly started, does.
 */
export async function replayHar(options: ReplayHarOptions): Promise<FidelityReport> {
  const startedAt = (options.now ?? (() => new Date()))().toISOString();
  const { count, exchanges } = readHarExchanges(options.harPath);
  const gate = new RequestGate(options.document);
  const scope = options.scope ?? ApiScope.of(gate.basePath);
  const mapping: ReplayMapping = { gate, scope, keys: new KeyMap(options.keys, options.keyMapping), agents: new AgentMap(options.agents), cursors: new CursorMap() };
  const results: ReplayedExchange[] = [];
  let outsideApi = 0;
  let interrupted = false;
  for (const recorded of exchanges) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    const plan = planReplay(recorded, mapping);
    if (plan.kind === 'outside_api') {
      outsideApi++;
      continue;
    }
    const url = new URL(recorded.url, 'http://recording.invalid');
    const base = {
      number: results.length + 1,
      entry: recorded.entry,
      method: recorded.method.toUpperCase(),
      path: url.pathname,
      ...(url.search ? { query: [...url.searchParams.keys()] } : {}),
      ...(plan.operationId === undefined ? {} : { operationId: plan.operationId }),
      ...keyOf(plan.key),
      recordedStatus: recorded.response?.status ?? 0,
    };
    let result: ReplayedExchange;
    if (plan.kind === 'not_replayed') {
      result = { ...base, outcome: 'not_replayed', differences: [], reason: plan.reason };
    } else {
      const sent = await sendAndCompare(options.client, plan.request, recorded, mapping);
      if (sent === 'aborted') {
        interrupted = true;
        break;
      }
      const { status, differences } = sent;
      const filled = plan.filledCredentials.length ? { filledCredentials: plan.filledCredentials } : {};
      const more = differences.length > MAX_DIFFERENCES ? { moreDifferences: differences.length - MAX_DIFFERENCES } : {};
      result = { ...base, ...(status === undefined ? {} : { replayedStatus: status }), outcome: differences.length ? 'differs' : 'same', differences: differences.slice(0, MAX_DIFFERENCES), ...more, ...filled };
    }
    results.push(result);
    options.onExchange?.(result);
  }
  if (results.length === 0 && !interrupted) {
    throw new ToolError('HAR_INVALID', `${options.harPath}: none of its ${count} entries is a request to the API ${scope.describe()}`);
  }
  const tally = (outcome: ReplayedExchange['outcome']) => results.filter((result) => result.outcome === outcome).length;
  return {
    version: FIDELITY_REPORT_VERSION,
    har: options.harPath,
    target: options.targetLabel,
    startedAt,
    ...(interrupted ? { interrupted: true as const } : {}),
    totals: { exchanges: results.length, same: tally('same'), differs: tally('differs'), notReplayed: tally('not_replayed'), outsideApi },
    exchanges: results,
  };
}

async function sendAndCompare(
  client: TargetClient,
  request: Parameters<TargetClient['send']>[0],
  recorded: RecordedExchange,
  { cursors, agents }: ReplayMapping,
): Promise<{ status?: number; differences: AnswerDifference[] } | 'aborted'> {
  const answer = recorded.response!;
  try {
    const { response } = await client.send(request);
    const replayed = { status: response.status, contentType: response.headers['content-type'], ...(response.truncated ? {} : { text: response.text }) };
    if (answer.text !== undefined && response.json !== undefined) {
      const recordedJson = jsonOrUndefined(answer.text);
      cursors.learn(recordedJson, response.json);
      agents.learn(recordedJson, response.json);
    }
    return { status: response.status, differences: diffAnswers({ status: answer.status, contentType: answer.headers['content-type'], text: answer.text }, replayed) };
  } catch (error) {
    if (!(error instanceof TransportFault)) throw error;
    if (error.kind === 'aborted') return 'aborted';
    // Nothing listens at all: the run cannot tell anything, which is a tool error, not a finding on each exchange.
    if (error.kind === 'refused') throw new ToolError('TARGET_UNREACHABLE', `${request.method} ${client.baseUrl}${request.path.split('?')[0]} failed: ${error.kind} (${error.detail})`);
    return { differences: [{ kind: 'no_answer', reason: `${error.kind.replace('_', ' ')} (${error.detail})` }] };
  }
}

function keyOf(key: KeyMapping): Pick<ReplayedExchange, 'key'> {
  if (key.kind === 'none') return {};
  return { key: { fingerprint: key.fingerprint, ...(key.kind === 'mapped' ? { sentAs: key.key.name } : {}) } };
}
