import { CHECKS, type CheckId } from '../contract/checks.js';
import type { Contract } from '../contract/contract.js';
import type { Exchange } from '../contract/exchange.js';
import type { Finding } from '../contract/findings.js';
import { judgedChecks } from '../contract/judged-checks.js';
import { jsonOrUndefined } from '../json-or-undefined.js';
import { inspectExchange, READS_BODY, RESPONSE_CHECKS } from '../contract/response-checks.js';
import { isProblem } from '../mock/problems.js';
import { problemResponse } from '../mock/render.js';
import { RequestGate } from '../mock/request-gate.js';
import type { MockResponse } from '../mock/types.js';
import type { SpecOperation } from '../spec/operations.js';
import { PLAIN_CREDENTIAL_FIELDS } from './har.js';

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
  /**
   * False for a route the contract does not describe (another part of the API under the same base path, or a method
   * the contract gives the path no operation for): forwarded, counted and not judged, as traffic outside the base path.
   */
  readonly judged: boolean;
  readonly operationId?: string;
  /** The mock's own 4xx problem for an invalid request (what `proxy --errors` answers instead of forwarding). */
  readonly refusal?: MockResponse;
  readonly violations: readonly Violation[];
  /** Credential values the request submits, 8 characters or more: no answer may contain them (secret_non_disclosure). */
  readonly secrets: readonly string[];
  /**
   * Every credential value the request body carries, of any length, read even from a request the contract refuses:
   * what a recording or a report must hide.
   */
  readonly credentials: readonly string[];
}

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
    // Not response_received: a body over a cap is the caller's to say (the proxy's validation header, a HAR's cut
    // body), and an exchange it saw has no transport fault to report.
    this.checks = new Set(RESPONSE_CHECKS.map((check) => check.id).filter((id) => id !== 'response_received' && !(options.documentedOnly && CHECKS[id].inferred)));
  }

  /** True for a request under the API's base path (others are forwarded, counted and not judged). */
  covers(url: string): boolean {
    return this.gate.covers(this.gate.read({ method: 'GET', url, headers: {} }).path);
  }

  /** The request's operation and, when the contract does not accept it, the violation and the mock's refusal. */
  checkRequest(observed: ObservedRequest): RequestVerdict {
    const read = this.gate.read({ method: observed.method, url: observed.url, headers: observed.headers, body: observed.body });
    const credentials = observed.bodyNotRead ? [] : credentialValuesOf(parsedBody(observed.body));
    const refuse = (problem: Parameters<typeof problemResponse>[0], operation: SpecOperation): RequestVerdict => {
      // A rule of an operation the docs do not describe is the contract's choice: a warning, left out with documentedOnly.
      if (operation.inferred && this.options.documentedOnly) return { judged: true, operationId: operation.operationId, violations: [], secrets: [], credentials };
      return {
        judged: true,
        operationId: operation.operationId,
        refusal: problemResponse(problem, read.path, observed.headers.accept),
        violations: (problem.errors?.length ? problem.errors : [{ field: '', message: problem.detail }]).map((error) => ({
          check: 'request_schema' as const,
          location: requestLocation(error.field, operation),
          severity: operation.inferred ? ('warning' as const) : ('error' as const),
          message: error.field ? `${error.field} ${error.message}` : error.message,
        })),
        secrets: [],
        credentials,
      };
    };
    const route = this.gate.route(read.request.method, read.path);
    // The contract is the Integrations part of an API that has more under the same base path: what it does not
    // describe (an unknown route, a method it gives a path no operation for) is not judged.
    if (route.kind === 'problem' || route.kind === 'options') return { judged: false, violations: [], secrets: [], credentials };
    const { operation, params } = route;
    if (observed.bodyNotRead) return { judged: true, operationId: operation.operationId, violations: [], secrets: [], credentials };
    const input = this.gate.input(operation, params, read);
    if (isProblem(input)) return refuse(input, operation);
    return { judged: true, operationId: operation.operationId, violations: [], secrets: secretsOf(input.body), credentials };
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
    const json = response.bodyNotRead ? undefined : jsonOrUndefined(text);
    const exchange: Exchange = {
      operationId,
      request: { method: request.method, path: request.url, headers: {} },
      response: { status: response.status, headers: response.headers, text, json, ...(response.bodyNotRead ? { truncated: true } : {}) },
    };
    // A value the request sends again in its own URL (a database name in sql/scripts?database=…) is the client's to
    // see echoed: only what the answer brings back unasked is a leak.
    const url = safeDecode(request.url);
    const unasked = new Set([...secrets].filter((secret) => !url.includes(secret)));
    const found = inspectExchange(exchange, { contract: this.contract, secrets: unasked }, checks);
    return found.map((finding) => this.toViolation(finding, operation.inferred, bodyInferred));
  }

  private toViolation(finding: Finding, operationInferred: boolean, bodyInferred: boolean): Violation {
    const readsBody = READS_BODY.has(finding.check);
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

/** The body as JSON, or undefined: a refused request's credentials are read too (a recording must hide them). */
function parsedBody(body: Uint8Array | undefined): unknown {
  return body?.length ? jsonOrUndefined(Buffer.from(body).toString('utf8')) : undefined;
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    return url;
  }
}

/** Every string credential value of a body's `credentials`, of any length, `sslmode` and `port` aside. */
export function credentialValuesOf(body: unknown): string[] {
  const credentials = (body as { credentials?: unknown } | undefined)?.credentials;
  if (typeof credentials !== 'object' || credentials === null) return [];
  return Object.entries(credentials).flatMap(([field, value]) => (typeof value === 'string' && value !== '' && !PLAIN_CREDENTIAL_FIELDS.has(field) ? [value] : typeof value === 'number' && !PLAIN_CREDENTIAL_FIELDS.has(field) ? [String(value)] : []));
}

/** The credential values a request body submits (`credentials.*`, the strings that are secrets). */
export function secretsOf(body: unknown): string[] {
  return credentialValuesOf(body).filter((value) => value.length >= SHORTEST_SECRET);
}
