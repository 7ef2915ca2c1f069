import type { ConfiguredKey } from './config.js';
import type { SpecOperation } from '../spec/operations.js';
import type { OutgoingRequest } from './target-client.js';

/** How a suite asks for one request of an operation. */
export interface CallOptions {
  /** The key to authenticate with; `null` sends no Authorization header. */
  readonly key?: ConfiguredKey | null;
  /** An Authorization header sent as it is, instead of a key's. */
  readonly authorization?: string;
  readonly params?: { readonly kind?: string; readonly agentId?: string };
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly raw?: { readonly body: string; readonly contentType: string };
}

/** The request a call sends: the path template filled (each value percent-encoded), the query, the key's header. */
export function outgoingRequest(operation: SpecOperation, options: CallOptions): OutgoingRequest {
  const path = operation.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent((options.params as Record<string, string> | undefined)?.[name] ?? ''));
  const query = options.query && Object.keys(options.query).length ? `?${new URLSearchParams(options.query as Record<string, string>)}` : '';
  return {
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: path + query,
    authorization: options.authorization ?? (options.key ? `Bearer ${options.key.token}` : undefined),
    keyName: options.key?.name ?? (options.authorization !== undefined ? '(custom Authorization)' : undefined),
    json: options.json,
    raw: options.raw,
  };
}
