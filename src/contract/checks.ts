/** Every contract check, by stable id: what it asserts and the sentence of the contract it rests on. */
export const CHECK_IDS = [
  'status_code_declared',
  'content_type_declared',
  'response_schema',
  'envelope',
  'problem_json',
  'not_a_server_error',
  'secret_non_disclosure',
  'www_authenticate',
  'response_received',
  'auth_required',
  'scope_enforced',
  'scope_sufficient',
  'tenant_isolation',
  'negative_data_rejection',
  'positive_data_acceptance',
  'connect_semantics',
  'scoping_semantics',
  'idempotent_retries',
  'catalog_consistency',
  'binding_refusals',
  'private_host_refusal',
  'body_limit',
  'pagination',
  'stateful',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

export interface CheckInfo {
  readonly id: CheckId;
  readonly title: string;
  /** `response`: applied to every exchange any suite makes; `suite`: a property of its own. */
  readonly kind: 'response' | 'suite';
  /** True when the check rests on an `x-inferred` part of the contract (left out by --documented-only). */
  readonly inferred: boolean;
  /** The contract sentence the check comes from. */
  readonly source: string;
}

const check = (id: CheckId, kind: CheckInfo['kind'], title: string, source: string, inferred = false): CheckInfo => ({ id, kind, title, source, inferred });

export const CHECKS: Readonly<Record<CheckId, CheckInfo>> = {
  status_code_declared: check('status_code_declared', 'response', 'Every response status is declared for its operation', 'openapi.yaml `responses` of each operation'),
  content_type_declared: check('content_type_declared', 'response', 'Every response media type is declared for its status', 'openapi.yaml `responses.<status>.content`'),
  response_schema: check('response_schema', 'response', 'Every response body matches its declared schema', 'openapi.yaml response schemas'),
  envelope: check('envelope', 'response', 'Every 2xx JSON body is the ApiResponse envelope with success: true and data', '"Successful responses use the ApiResponse<T> envelope"'),
  problem_json: check('problem_json', 'response', 'Every 4xx/5xx is problem+json (or the declared envelope with success: false) whose status equals the HTTP status, with a title', '"Errors are RFC 9457 problem+json"; "The HTTP status is the source of truth"'),
  not_a_server_error: check('not_a_server_error', 'response', 'No 5xx for anything a client can send', 'RFC 9457 statuses of the errors page: client mistakes are 4xx'),
  secret_non_disclosure: check('secret_non_disclosure', 'response', 'No submitted credential appears in any later response body or header', '"they are stored securely and never returned"'),
  www_authenticate: check('www_authenticate', 'response', 'Every 401 carries a WWW-Authenticate challenge with the Bearer scheme', 'openapi.yaml `Unauthorized`: `WWW-Authenticate: Bearer`, as RFC 6750 asks (the docs do not mention the header)', true),
  response_received: check('response_received', 'response', 'Every request gets a whole HTTP answer within --timeout, its body within --max-body-bytes', 'HTTP itself: a response that never comes, is cut or cannot be read whole cannot be judged against the contract'),
  auth_required: check('auth_required', 'suite', 'No key, a malformed header or an unknown key → 401 on every operation', '"Authenticate every request with a secret API key"; errors page: 401 missing or invalid key'),
  scope_enforced: check('scope_enforced', 'suite', 'A key without the operation\'s scope → 403, and nothing changes', '"each operation lists the scope the key must hold"; errors page: 403 insufficient scope'),
  scope_sufficient: check('scope_sufficient', 'suite', 'A key holding the operation\'s scope is never refused for scope', '"The listed scopes … are the scopes that key must hold"'),
  tenant_isolation: check('tenant_isolation', 'suite', 'Another organization\'s key cannot read, list, change or delete the first one\'s integrations', '"is scoped to your organization — a key can never reach another tenant"'),
  negative_data_rejection: check('negative_data_rejection', 'suite', 'An invalid request (a value one past a declared bound among them) is answered 4xx, never 2xx or 5xx', 'openapi.yaml request schemas; errors page: 400 invalid body'),
  positive_data_acceptance: check('positive_data_acceptance', 'suite', 'A valid request in a state where it should succeed is not refused as invalid', 'openapi.yaml request schemas'),
  connect_semantics: check('connect_semantics', 'suite', 'oauthUrl xor status; sslmode disable refused on connect and sql/test; reserved providers refused and not connected', 'seed: connect an integration'),
  scoping_semantics: check('scoping_semantics', 'suite', 'Blocks read back, vanish from schema and objects, are refused at bind time; empty lists clear; 404 when not connected', 'seed: set a connection\'s data scoping', true),
  idempotent_retries: check('idempotent_retries', 'suite', 'Provisioning or installing a pack twice returns the same skills, created: false the second time', '"Re-running is idempotent" (concepts/integrations); pack install: "a preset whose skill already exists is skipped and returned with created:false"'),
  catalog_consistency: check('catalog_consistency', 'suite', 'A catalog entry\'s actionCount equals the actions its provider lists, and hasPack equals whether a pack installs', 'catalog: "how many actions it exposes, whether it ships a preset pack (hasPack)"; actions: "lists each action\'s slug"'),
  binding_refusals: check('binding_refusals', 'suite', 'A binding naming an operation, argument or field the schema lacks, a blocked table or column, or a personal-data column in a write is refused with 400 or 422 (any 4xx with --documented-only)', 'map fields: "a field that doesn\'t exist, or one the operation can\'t return, is caught up front"; "sensitive PII classes are rejected"; SQL guide: blocked tables and columns "are refused at bind time"'),
  private_host_refusal: check('private_host_refusal', 'suite', 'sql/test refuses a private, loopback, link-local or metadata host in any spelling: 200 with ok false and its first check failed, or 400/422 naming credentials.host', 'test a database connection: "A host that resolves to a private, loopback, or metadata address is refused"; the form of the refusal is this contract\'s choice', true),
  body_limit: check('body_limit', 'suite', 'A body over the 1 MiB limit gets 413 (or another declared 4xx), never 2xx or 5xx; a body at the limit is not refused as too large', 'openapi.yaml `PayloadTooLarge` (the limit is this contract\'s choice)', true),
  pagination: check('pagination', 'suite', 'Every list walked with its cursors at page sizes 1, 2–5 and 100 holds each item once and the same items at every size, honours limit, and ends on a page with no next cursor; a cursor the API never issued is a 400', '"List responses use PaginatedResponse<T> with cursor pagination — pass the returned cursor to fetch the next page rather than page numbers" (introduction); `PageCursor`: a cursor the API never issued is refused with 400, `invalid_cursor`'),
  stateful: check('stateful', 'suite', 'Sequences of connect, approve, discover, scope, read, bind, provision, install a pack, disconnect agree with a model of the contract', 'the Integrations guides, as a whole', true),
};

/** The check ids a `--checks` list names, or a message naming the unknown ones. */
export function parseCheckList(list: string): CheckId[] | string {
  const ids = list.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(CHECK_IDS as readonly string[]).includes(id));
  return unknown.length ? `unknown check ${unknown.join(', ')} (checks: ${CHECK_IDS.join(', ')})` : (ids as CheckId[]);
}
