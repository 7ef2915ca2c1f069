import type fc from 'fast-check';
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
  /** The commands run so far in this sequence, the current one last: what the model's expectation rests on. */
  readonly steps: string[];
}

/** Stops the sequence with a finding that says what produced the model's expectation: the sequence's steps, and in which organization. */
export const fail = (real: Real, operationId: string, message: string, exchange?: Parameters<SuiteContext['stop']>[4]): never =>
  real.context.stop('stateful', 'semantic_mismatch', operationId, `${message} (the model rests on this sequence's steps as ${real.key.name} in ${real.key.org}: ${real.steps.join(' → ')})`, exchange);

/** A command that records itself in `real.steps` as it runs, so that a finding can name the steps before it. */
export class Traced implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(private readonly command: fc.AsyncCommand<IntegrationsModel, Real>) {}

  check(model: Readonly<IntegrationsModel>): boolean {
    return this.command.check(model);
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    real.steps.push(this.command.toString());
    await this.command.run(model, real);
  }

  toString(): string {
    return this.command.toString();
  }
}
