import type { FieldError } from '../validation/field-errors.js';

/** A problem a handler or the core answers with; `instance` is filled in from the request path. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
  /** Extension members (RFC 9457 §3.2), such as `requiredScope`. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/**
 * The named problem templates the mock invents: one place for every status, code and title, so that a
 * client branching on `code` sees the same value everywhere.
 */
const TEMPLATES = {
  unauthorized: { status: 401, title: 'Unauthorized' },
  insufficient_scope: { status: 403, title: 'Insufficient scope' },
  validation_error: { status: 400, title: 'Validation failure' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  route_not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  provider_not_available: { status: 404, title: 'Provider not available' },
  no_sql_endpoint: { status: 404, title: 'Not a SQL provider' },
  integration_not_connected: { status: 404, title: 'Integration not connected' },
  schema_not_discovered: { status: 404, title: 'Schema not discovered' },
  agent_not_found: { status: 404, title: 'Agent not found' },
  pack_not_found: { status: 404, title: 'Pack not found' },
  connection_pending: { status: 409, title: 'Connection pending' },
  provider_not_connected: { status: 409, title: 'Provider not connected' },
  integration_not_ready: { status: 409, title: 'Integration not ready' },
  duplicate_tool_name: { status: 409, title: 'Duplicate tool name' },
  binding_invalid: { status: 422, title: 'Binding invalid' },
  blocked_by_scoping: { status: 422, title: 'Blocked by data scoping' },
  unknown_action: { status: 422, title: 'Unknown action' },
  goal_unmatched: { status: 422, title: 'Goal unmatched' },
  malformed_request: { status: 400, title: 'Malformed HTTP request' },
  headers_too_large: { status: 431, title: 'Request header fields too large' },
  internal_error: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof TEMPLATES;

export function problem(
  code: ProblemCode,
  detail: string,
  more: Pick<Problem, 'errors' | 'headers' | 'extensions'> = {},
): Problem {
  return { ...TEMPLATES[code], code, detail, ...more };
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'title' in value && 'status' in value;
}
