import type { ConfiguredKey } from '../../src/contract/config.js';
import type { SuiteContext } from '../../src/contract/suite-context.js';

/** What the contract lets a client know of one kind's connection. */
export interface KindModel {
  status: 'pending' | 'connected';
  discovered: boolean;
  blockedTables: string[];
  blockedColumns: Record<string, string[]>;
  /** The consent URL of a pending OAuth authorization. */
  oauthUrl?: string;
}

/** The model: the organization's connections by kind. Far simpler than any implementation's store. */
export class IntegrationsModel {
  readonly connections = new Map<string, KindModel>();
  /** Skill name → id of every skill provisioned or installed on the agent so far: they outlive a disconnect. */
  readonly skills = new Map<string, string>();
}

/** The implementation under test, as the commands reach it. */
export interface Real {
  readonly context: SuiteContext;
  readonly key: ConfiguredKey;
  readonly agentId: string;
}

export const fail = (real: Real, operationId: string, message: string, exchange?: Parameters<SuiteContext['stop']>[4]): never =>
  real.context.stop('stateful', 'semantic_mismatch', operationId, message, exchange);
