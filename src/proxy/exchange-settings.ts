import type { TrafficValidator } from '../traffic/traffic-validator.js';
import type { SecretMemory } from './secret-memory.js';
import type { ProxyTarget } from './target.js';
import type { Upstream } from './upstream.js';

/** What every exchange through the proxy shares. */
export interface ExchangeSettings {
  readonly target: ProxyTarget;
  readonly upstream: Upstream;
  readonly validator: TrafficValidator;
  readonly contractBasePath: string;
  readonly errors: boolean;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** Every credential value and key seen: what no log line, header or recording may show. */
  readonly hidden: SecretMemory;
  /** The credential values submitted to judged operations: what no later answer may echo (secret_non_disclosure). */
  readonly submitted: SecretMemory;
  readonly recording: boolean;
  /** True once the proxy is stopping: the exchanges cut then are not the client's doing. */
  readonly stopping: () => boolean;
}
