import type fc from 'fast-check';
import { approveAndConfirm } from '../support/oauth.js';
import type { IntegrationsModel, Real } from './model.js';

/** Approves a pending OAuth authorization, where the target lets a program do so. */
export class ApproveCommand implements fc.AsyncCommand<IntegrationsModel, Real> {
  constructor(readonly kind: string) {}

  check(model: Readonly<IntegrationsModel>): boolean {
    return model.connections.get(this.kind)?.status === 'pending';
  }

  async run(model: IntegrationsModel, real: Real): Promise<void> {
    const connection = model.connections.get(this.kind)!;
    // A consent URL works once: an authorization not approved the first time stays pending.
    if (connection.oauthUrl === undefined) return;
    const approval = await approveAndConfirm(real.context, real.key, this.kind, connection.oauthUrl);
    // What the sequences can do only with the kind connected: the report says whether this target let them.
    const probe = `sequences with ${this.kind} connected through OAuth (discover, schema, scoping, bind, provision, pack install)`;
    if (approval.approved) {
      connection.status = 'connected';
      real.context.probed('stateful', probe);
    } else real.context.notProbed('stateful', probe, approval.reason);
    delete connection.oauthUrl;
  }

  toString(): string {
    return `approve(${this.kind})`;
  }
}
