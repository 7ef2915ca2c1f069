import type { JsonSchema, ResponseObject } from '../../spec/openapi-types.js';
import type { SpecOperation } from '../../spec/operations.js';
import { sampleSchema } from './sample-schema.js';

/** How long a simulated 429 asks the client to wait, as the contract's `rateLimited` example says: 2 seconds. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The headers of a simulated answer: every header the contract declares for it, with values a client can act
 * on where the name says what it means (a rate limit used up, a Bearer challenge), and a value of the
 * header's schema otherwise. A 429 always says when to retry and a 401 always carries its challenge.
 */
export function answerHeaders(operation: SpecOperation, status: number, response: ResponseObject): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-type' || lower === 'content-length') continue;
    headers[lower] = known(lower, operation, status) ?? String(sampleSchema(header.schema as JsonSchema | undefined) ?? '');
  }
  if (status === 429) headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  if (status === 401) headers['www-authenticate'] = known('www-authenticate', operation, status)!;
  return headers;
}

function known(name: string, operation: SpecOperation, status: number): string | undefined {
  switch (name) {
    case 'retry-after':
    case 'ratelimit-reset':
      return String(RETRY_AFTER_SECONDS);
    case 'ratelimit-limit':
      return '60';
    case 'ratelimit-remaining':
      return '0';
    case 'www-authenticate': {
      const scope = operation.scopes[0];
      if (status === 403 && scope) return `Bearer realm="flowyte", error="insufficient_scope", scope="${scope}"`;
      return status === 401 ? 'Bearer realm="flowyte", error="invalid_token"' : 'Bearer realm="flowyte"';
    }
    default:
      return undefined;
  }
}
