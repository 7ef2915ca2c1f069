import type { ConfiguredKey, TestConfig } from './config.js';

/** The organizations a test config names, their keys and agents, and what the config says is connected in them. */
export class ConfiguredOrgs {
  constructor(readonly config: TestConfig) {}

  get orgs(): string[] {
    return [...new Set(this.config.keys.map((key) => key.org))];
  }

  /** A key of the org (any org when omitted) holding every scope named. */
  keyWith(scopes: readonly string[], org?: string): ConfiguredKey | undefined {
    return this.config.keys.find((key) => (org === undefined || key.org === org) && scopes.every((scope) => key.scopes.includes(scope)));
  }

  /**
   * One key per organization holding every scope named (and with an agent configured, when asked): runs
   * that need one organization take turns between them (runAs), so that their lanes do not all queue on one.
   */
  keysWith(scopes: readonly string[], withAgent = false): ConfiguredKey[] {
    return this.orgs.flatMap((org) => this.keyWith(scopes, org) ?? []).filter((key) => !withAgent || this.agentOf(key.org));
  }

  agentOf(org: string): string | undefined {
    return this.config.agents[org];
  }

  /** True when the config says `kind` is already connected in `org` (an OAuth kind): suites use it, and never connect or disconnect it. */
  preconnected(org: string, kind: string): boolean {
    return this.config.oauth?.connected[org]?.includes(kind) ?? false;
  }

  /**
   * A request a correct target would carry out and that would change a kind the config says is pre-connected: a
   * connect, a disconnect or a scoping write, with a key holding the operation's scope. Suites never send those.
   */
  changesPreconnected(operationId: string, scopes: readonly string[], key: ConfiguredKey, kind: string | undefined): boolean {
    if (!CHANGES_A_CONNECTION.has(operationId) || kind === undefined || !this.preconnected(key.org, kind)) return false;
    return scopes.every((scope) => key.scopes.includes(scope));
  }
}

const CHANGES_A_CONNECTION = new Set(['connectIntegration', 'disconnectIntegration', 'setIntegrationScoping']);
