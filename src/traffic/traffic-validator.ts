import { CHECKS, type CheckId } from '../contract/checks.js';
import type { Contract } from '../contract/contract.js';
import type { Exchange } from '../contract/exchange.js';
import type { Finding } from '../contract/findings.js';
import { judgedChecks } from '../contract/judged-checks.js';
import { inspectExchange, RESPONSE_CHECKS } from '../contract/response-checks.js';
import { isProblem } from '../mock/problems.js';
import { problemResponse } from '../mock/render.js';
import { RequestGate } from '../mock/request-gate.js';
import type { MockResponse } from '../mock/types.js';
import type { SpecOperation } from '../spec/operations.js';

/** One way an exchange breaks the contract, as `x-flowyte-violations` and the reports carry it (like Prism's `sl-violations`). */
export interface Violation {
  /** A check id of the catalogue, or `request_schema` for a request the contract does not accept. */
  readonly check: CheckId | 'request_schema';
  /** Where: `request.body.credentials.apiKey`, `response.status`, `response.headers.content-type`, `response.body`, … */
  readonly location: string;
  /** `error`: a documented rule; `warning`: one that rests on the contract's own choices (x-inferred). */
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** A request as it crossed the wire (a proxy saw it, or a HAR recorded it). */
export interface ObservedRequest {
  readonly method: string;
  /** Path (the API's base path included) and query. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body?: Uint8Array;
  /** The body was over the validation cap: forwarded, not validated. */
  readonly bodyNotRead?: boolean;
}

export interface ObservedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** The body was over the validation cap: forwarded whole, judged only on what does not need it. */
  readonly bodyNotRead?: boolean;
}

/** What the contract says of a request before it is sent: its operation, and its refusal when it is invalid. */
export interface RequestVerdict {
  readonly operationId?: string;
  /** The mock's own 4xx problem for an invalid request (what `proxy --errors` answers instead of forwarding). */
  readonly refusal?: MockResponse;
  readonly violations: readonly Violation[];
  /** Credential values the request submits: no answer may contain them. */
  readonly secrets: readonly string[];
}

/** The credential fields that are no secret. */
const NOT_SECRET = new Set(['sslmode', 'port']);
/** Shorter values are too common to search answers for. */
const SHORTEST_SECRET = 8;

/**
 * Judges observed traffic against the contract with the checks `test` applies to every answer, at the same
 * documented/inferred levels: a check, operation or status that rests on the contract's own choices is a
 * warning, and left out with `documentedOnly`. Holds no state: the caller keeps what outlives one exchange.
 */
export class TrafficValidator {
  private readonly gate: RequestGate;
  private readonly checks: ReadonlySet<CheckId>;

  constructor(
    private readonly contract: Contract,
    private readonly options: { readonly documentedOnly?: boolean } = {},
  ) {
    this.gate = new RequestGate(contract.document);
    this.checks = new Set(RESPONSE_CHECKS.map((check) => check.id).filter((id) => !(options.documentedOnly && CHECKS[id].inferred)));
  }

  /** True for a request under the API's base path (others are forwarded, counted and not judged). */
  covers(url: string): boolean {
    return this.gate.covers(this.gate.read({ method: 'GET', url, headers: {} }).path);
  }

  /** The request's operation and, when the contract does not accept it, the violation and the mock's refusal. */
  checkRequest(observed: ObservedRequest): RequestVerdict {
    const read = this.gate.read({ method: observed.method, url: observed.url, headers: observed.headers, body: observed.body });
    const refuse = (problem: Parameters<typeof problemResponse>[0], operation?: SpecOperation): RequestVerdict => ({
      ...(operation ? { operationId: operation.operationId } : {}),
      refusal: problemResponse(problem, read.path, observed.headers.accept),
      violations: (problem.errors?.length ? problem.errors : [{ field: '', message: problem.detail }]).map((error) => ({
        check: 'request_schema' as const,
        location: requestLocation(error.field, operation),
        severity: 'error' as const,
        message: error.field ? `${error.field} ${error.message}` : error.message,
      })),
      secrets: [],
    });
    const route = this.gate.route(read.request.method, read.path);
    if (route.kind === 'problem') return refuse(route.problem);
    if (route.kind === 'options') return { violations: [], secrets: [] };
    const { operation, params } = route;
    if (observed.bodyNotRead) return { operationId: operation.operationId, violations: [], secrets: [] };
    const input = this.gate.input(operation, params, read);
    if (isProblem(input)) return refuse(input, operation);
    return { operationId: operation.operationId, violations: [], secrets: secretsOf(input.body) };
  }

  /**
   * The answer's violations. `secrets`: credential values submitted before it (this request's included: an answer
   * must not echo what its own request submitted either).
   */
  checkResponse(operationId: string, request: ObservedRequest, response: ObservedResponse, secrets: Iterable<string>): Violation[] {
    const operation = this.contract.operation(operationId);
    const bodyInferred = operation.inferred || operation.inferredStatuses.has(String(response.status));
    const checks = judgedChecks(this.checks, operation, response.status, this.options.documentedOnly === true);
    const text = Buffer.from(response.body).toString('utf8');
    let json: unknown;
    if (!response.bodyNotRead && text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const exchange: Exchange = {
      operationId,
      request: { method: request.method, path: request.url, headers: {} },
      response: { status: response.status, headers: response.headers, text, json, ...(response.bodyNotRead ? { truncated: true } : {}) },
    };
    const found = inspectExchange(exchange, { contract: this.contract, secrets: new Set(secrets) }, checks);
    return found.map((finding) => this.toViolation(finding, operation.inferred, bodyInferred));
  }

  private toViolation(finding: Finding, operationInferred: boolean, bodyInferred: boolean): Violation {
    const readsBody = finding.check === 'response_schema' || finding.check === 'envelope' || finding.check === 'problem_json';
    const inferred = CHECKS[finding.check].inferred || operationInferred || (finding.check === 'response_schema' && bodyInferred);
    return { check: finding.check, location: LOCATIONS[finding.check] ?? (readsBody ? 'response.body' : 'response'), severity: inferred ? 'warning' : 'error', message: finding.message };
  }
}

const LOCATIONS: Partial<Record<CheckId, string>> = {
  status_code_declared: 'response.status',
  not_a_server_error: 'response.status',
  content_type_declared: 'response.headers.content-type',
  www_authenticate: 'response.headers.www-authenticate',
  secret_non_disclosure: 'response',
};

/** Where in the request a field the validators name lies: a path or query parameter, or the body. */
function requestLocation(field: string, operation: SpecOperation | undefined): string {
  if (!field) return 'request';
  if (field === 'body') return 'request.body';
  const parameter = operation?.parameters.find((candidate) => candidate.name === field);
  return parameter ? `request.${parameter.in}.${field}` : `request.body.${field}`;
}

/** The credential values a request body submits (`credentials.*`, the strings that are secrets). */
export function secretsOf(body: unknown): string[] {
  const credentials = (body as { credentials?: unknown } | undefined)?.credentials;
  if (typeof credentials !== 'object' || credentials === null) return [];
  return Object.entries(credentials).flatMap(([field, value]) => (typeof value === 'string' && !NOT_SECRET.has(field) && value.length >= SHORTEST_SECRET ? [value] : []));
}
