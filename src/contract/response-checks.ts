import { bareMediaType } from '../spec/media-type.js';
import { declaredStatus } from '../validation/response-validators.js';
import { mergeAllOf } from './schema-arbitrary.js';
import type { CheckId } from './checks.js';
import type { Contract } from './contract.js';
import type { Exchange } from './exchange.js';
import type { Finding, FindingKind } from './findings.js';

/** What a response check may read besides the exchange. */
export interface ResponseCheckContext {
  readonly contract: Contract;
  /** Credential values submitted before this exchange (its own request's values are not yet "later"). */
  readonly secrets: ReadonlySet<string>;
}

/** A check applied to every exchange any suite makes. */
export interface ResponseCheck {
  readonly id: CheckId;
  inspect(exchange: Exchange, context: ResponseCheckContext): Array<{ kind: FindingKind; message: string }>;
}

const mediaTypeOf = (exchange: Exchange) => bareMediaType(exchange.response.headers['content-type']);

/** The checks that read the body: a body cut at the cap cannot be judged by them. */
export const READS_BODY: ReadonlySet<CheckId> = new Set<CheckId>(['response_schema', 'envelope', 'problem_json']);

export const RESPONSE_CHECKS: readonly ResponseCheck[] = [
  {
    id: 'status_code_declared',
    inspect(exchange, { contract }) {
      const verdict = contract.responses.check(exchange.operationId, exchange.response.status, undefined, undefined);
      if (verdict.kind !== 'undeclared_status') return [];
      return [{ kind: 'undeclared_status', message: `status ${exchange.response.status} is not declared (declared: ${verdict.declared.join(', ')})` }];
    },
  },
  {
    id: 'content_type_declared',
    inspect(exchange, { contract }) {
      if (exchange.response.text === '') {
        const declared = declaredContent(contract, exchange);
        return declared.length ? [{ kind: 'undeclared_media_type', message: `an empty body where the contract declares ${declared.join(', ')}` }] : [];
      }
      const verdict = bodyVerdict(contract, exchange);
      if (verdict.kind !== 'undeclared_media_type') return [];
      return [{ kind: 'undeclared_media_type', message: `content type "${mediaTypeOf(exchange) || '(none)'}" is not declared (declared: ${verdict.declared.join(', ')})` }];
    },
  },
  {
    id: 'response_schema',
    inspect(exchange, { contract }) {
      const verdict = bodyVerdict(contract, exchange);
      if (verdict.kind !== 'schema_mismatch') return [];
      return [{ kind: 'schema_mismatch', message: verdict.errors.map((e) => `${e.field} ${e.message}`).join('; ') }];
    },
  },
  {
    id: 'envelope',
    inspect(exchange, { contract }) {
      const { response } = exchange;
      if (response.status < 200 || response.status > 299 || !/json/.test(response.headers['content-type'] ?? '')) return [];
      const body = response.json as { success?: unknown } | undefined;
      // `data` is required where the declared envelope requires it (ApiResponse_Void, for one, does not).
      const needsData = envelopeRequiresData(contract, exchange);
      if (typeof body === 'object' && body !== null && body.success === true && (!needsData || 'data' in body)) return [];
      return [{ kind: 'not_envelope', message: `a 2xx JSON body must be {"success": true${needsData ? ', "data": …' : ''}}` }];
    },
  },
  {
    id: 'problem_json',
    inspect(exchange, { contract }) {
      const { response } = exchange;
      if (response.status < 400) return [];
      const body = response.json as Record<string, unknown> | undefined;
      const media = mediaTypeOf(exchange);
      if (media === 'application/json') {
        const statusKey = declaredStatus(Object.keys(contract.operation(exchange.operationId).responses), response.status);
        const declaresEnvelope = statusKey !== undefined && 'application/json' in (contract.operation(exchange.operationId).responses[statusKey]?.content ?? {});
        if (declaresEnvelope && body?.success === false) return [];
        return [{ kind: 'not_problem', message: 'an error served as application/json must be a declared envelope with success: false' }];
      }
      if (media !== 'application/problem+json') return [{ kind: 'not_problem', message: `an error must be application/problem+json, not "${media || '(none)'}"` }];
      if (typeof body !== 'object' || body === null) return [{ kind: 'not_problem', message: 'the problem body is not a JSON object' }];
      if (body.status !== response.status) return [{ kind: 'not_problem', message: `the problem's status ${String(body.status)} differs from the HTTP status ${response.status}` }];
      if (typeof body.title !== 'string') return [{ kind: 'not_problem', message: 'the problem has no title' }];
      return [];
    },
  },
  {
    id: 'not_a_server_error',
    inspect({ response }) {
      return response.status >= 500 ? [{ kind: 'server_error', message: `answered ${response.status} to a client request` }] : [];
    },
  },
  {
    id: 'response_received',
    inspect({ response }) {
      // Transport faults are recorded where they happen (no exchange comes of them); here, a body over the cap.
      return response.truncated ? [{ kind: 'body_too_large', message: `the body is larger than the cap${response.bytes ? ` of ${response.bytes.length} bytes` : ''} (--max-body-bytes): read that far, its schema, envelope and problem not judged` }] : [];
    },
  },
  {
    // RFC 6750 §3: a resource server answering 401 names the scheme a client should use.
    id: 'www_authenticate',
    inspect({ response }) {
      if (response.status !== 401) return [];
      const challenge = response.headers['www-authenticate'];
      // One challenge among several (`Basic realm="a", Bearer realm="a"`, RFC 9110 §11.6.1); the header is not quoted
      // back: a server may have put anything in it.
      return challenge && /(?:^|,)\s*bearer(?:\s|,|$)/i.test(challenge) ? [] : [{ kind: 'missing_challenge', message: challenge ? "a 401's WWW-Authenticate names no Bearer challenge" : 'a 401 without WWW-Authenticate: Bearer' }];
    },
  },
  {
    id: 'secret_non_disclosure',
    inspect({ response }, { secrets }) {
      const headers = Object.values(response.headers).join('\n');
      const body = response.bytes ?? response.text; // a truncated body is searched as far as it was read
      const leaked = [...secrets].find((secret) => body.includes(secret) || headers.includes(secret));
      return leaked ? [{ kind: 'secret_disclosed', message: `a submitted credential (${redact(leaked)}) came back in the response` }] : [];
    },
  },
];

/** The contract's verdict on the answer's media type and body, once per exchange: two checks read it. */
const bodyVerdicts = new WeakMap<Exchange, ReturnType<Contract['responses']['check']>>();
function bodyVerdict(contract: Contract, exchange: Exchange) {
  let verdict = bodyVerdicts.get(exchange);
  if (!verdict) bodyVerdicts.set(exchange, (verdict = contract.responses.check(exchange.operationId, exchange.response.status, mediaTypeOf(exchange), exchange.response.json)));
  return verdict;
}

function declaredResponse(contract: Contract, exchange: Exchange) {
  const responses = contract.operation(exchange.operationId).responses;
  const key = declaredStatus(Object.keys(responses), exchange.response.status);
  return key === undefined ? undefined : responses[key];
}

function declaredContent(contract: Contract, exchange: Exchange): string[] {
  return Object.keys(declaredResponse(contract, exchange)?.content ?? {});
}

/** Operation and status → whether the declared envelope requires `data`: merging allOf for every answer is waste. */
const requiresData = new WeakMap<Contract, Map<string, boolean>>();
function envelopeRequiresData(contract: Contract, exchange: Exchange): boolean {
  const known = requiresData.get(contract) ?? requiresData.set(contract, new Map()).get(contract)!;
  const key = `${exchange.operationId} ${exchange.response.status}`;
  let requires = known.get(key);
  if (requires === undefined) {
    const schema = declaredResponse(contract, exchange)?.content?.['application/json']?.schema;
    known.set(key, (requires = schema !== undefined && ((mergeAllOf(schema).required ?? []) as string[]).includes('data')));
  }
  return requires;
}

/** A secret as a report may show it: enough to recognise, not enough to use. */
export function redact(secret: string): string {
  return secret.length <= 6 ? '***' : `${secret.slice(0, 3)}…${secret.slice(-2)}`;
}

/** Every response check's findings for one exchange. */
export function inspectExchange(exchange: Exchange, context: ResponseCheckContext, selected: ReadonlySet<CheckId>): Finding[] {
  const judged = RESPONSE_CHECKS.filter((responseCheck) => selected.has(responseCheck.id) && !(exchange.response.truncated && READS_BODY.has(responseCheck.id)));
  return judged.flatMap((responseCheck) =>
    responseCheck.inspect(exchange, context).map((found) => ({ check: responseCheck.id, operationId: exchange.operationId, exchange, ...found })),
  );
}
