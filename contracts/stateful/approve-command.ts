import type fc from 'fast-check';
import { approveOAuth } from '../support/session.js';
import type { IntegrationsModel, Real } from './model.js';

/** Approves a pending OAuth authorization, where the target lets a program do so. */
export class ApproveCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(readonly kind: string) {}

  check(model: Readonly<IntegrationsModel>): boolean {
    return model.connections.get(this.kind)?.status === 'pending';
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const connection = model.connections.get(this.kind)!;
    if (await approveOAuth(real.context, connection.oauthUrl)) connection.status = 'connected';
    delete connection.oauthUrl;
  }

  toString(): string {
    return `approve(${this.kind})`;
  }
}
