import type { CheckId } from './checks.js';
import type { ConfiguredKey, TestConfig } from './config.js';
import { integrationKinds, type Contract } from './contract.js';
import type { Exchange } from './exchange.js';
import { ContractViolation, type Finding, type FindingKind } from './findings.js';
import { inspectExchange } from './response-checks.js';
import type { OutgoingRequest, TargetClient } from './target-client.js';
import type { SpecOperation } from '../spec/operations.js';

export interface SideFinding {
  readonly finding: Finding;
  readonly run: readonly Exchange[];
  readonly path: string | null;
}

export interface CallOptions {
  /** The key to authenticate with; `null` sends no Authorization header. */
  readonly key?: ConfiguredKey | null;
  /** An Authorization header sent as it is, instead of a key's. */
  readonly authorization?: string;
  readonly params?: { readonly kind?: string; readonly agentId?: string };
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly raw?: OutgoingRequest['raw'];
}

/**
 * What a suite works with: the target, the configured keys and agents, and one run at a time. A run
 * collects the suite's own findings and, for every exchange it made, the response checks' findings; a run
 * with findings throws a ContractViolation, which fast-check shrinks on.
 */
export class SuiteContext {
  readonly kinds: readonly string[];
  /** Submitted credential → the sequence number of the exchange that carried it; later ones must not show it. */
  private readonly secrets = new Map<string, number>();
  private sequence = 0;
  private readonly sequenceOf = new WeakMap<Exchange, number>();
  private findings: Finding[] = [];
  private current: Exchange[] = [];
  private suiteId: CheckId | undefined;
  private runIndex = 0;
  private ownFailure = false;
  private sideFindings: SideFinding[] = [];
  /** Kinds this run may have connected, per organization, for the clean-up. */
  private readonly touched = new Map<string, Set<string>>();

  /** The operations the suites may judge: with --documented-only, those not marked `x-inferred`. */
  readonly operations: readonly SpecOperation[];

  constructor(
    readonly contract: Contract,
    readonly config: TestConfig,
    readonly client: TargetClient,
    private readonly selected: ReadonlySet<CheckId>,
    readonly onExchange: (exchange: Exchange) => void = () => {},
    private readonly documentedOnly = false,
  ) {
    this.kinds = integrationKinds(contract);
    this.operations = contract.operations.filter((operation) => !(documentedOnly && operation.inferred));
    this.alwaysJudged = new Set(['secret_non_disclosure', 'not_a_server_error'].filter((id) => selected.has(id as CheckId)) as CheckId[]);
  }

  private readonly alwaysJudged: ReadonlySet<CheckId>;

  /** Every credential value submitted so far, for redaction in reports. */
  submittedSecrets(): ReadonlySet<string> {
    return new Set(this.secrets.keys());
  }

  get orgs(): string[] {
    return [...new Set(this.config.keys.map((key) => key.org))];
  }

  /** A key of the org (any org when omitted) holding every scope named. */
  keyWith(scopes: readonly string[], org?: string): ConfiguredKey | undefined {
    return this.config.keys.find((key) => (org === undefined || key.org === org) && scopes.every((scope) => key.scopes.includes(scope)));
  }

  agentOf(org: string): string | undefined {
    return this.config.agents[org];
  }

  /** Remembers a credential the next request submits: no response after that one may contain it. */
  submitSecret(value: string): void {
    if (value.length >= 8 && !this.secrets.has(value)) this.secrets.set(value, this.sequence + 1);
  }

  async call(operationId: string, options: CallOptions = {}): Promise<Exchange> {
    const operation = this.contract.operation(operationId);
    const path = operation.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent((options.params as Record<string, string> | undefined)?.[name] ?? ''));
    const query = options.query && Object.keys(options.query).length ? `?${new URLSearchParams(options.query as Record<string, string>)}` : '';
    const authorization = options.authorization ?? (options.key ? `Bearer ${options.key.token}` : undefined);
    if (options.key && options.params?.kind && operationId === 'connectIntegration') this.touch(options.key.org, options.params.kind);
    const exchange = await this.client.send({
      operationId,
      method: operation.method.toUpperCase(),
      path: path + query,
      authorization,
      keyName: options.key?.name ?? (options.authorization !== undefined ? '(custom Authorization)' : undefined),
      json: options.json,
      raw: options.raw,
    });
    this.sequenceOf.set(exchange, ++this.sequence);
    this.current.push(exchange);
    this.onExchange(exchange);
    return exchange;
  }

  /** Records a finding of the running suite. */
  fail(check: CheckId, kind: FindingKind, operationId: string, message: string, exchange?: Exchange): void {
    if (this.selected.has(check)) this.findings.push({ check, kind, operationId, message, exchange });
  }

  /** Records a finding and stops the run: what follows would only repeat it. */
  stop(check: CheckId, kind: FindingKind, operationId: string, message: string, exchange?: Exchange): never {
    this.fail(check, kind, operationId, message, exchange);
    throw new ContractViolation(this.findings);
  }

  /** Runs one property iteration from a clean state; throws a ContractViolation when anything deviated. */
  async run(scenario: () => Promise<void>): Promise<void> {
    await this.cleanUp();
    this.findings = [];
    this.current = [];
    try {
      await scenario();
    } catch (error) {
      // A scenario that recorded a finding may stop at once (its model is no longer the target's state).
      if (!this.findings.length) throw error;
    } finally {
      for (const exchange of this.current) {
        const sequence = this.sequenceOf.get(exchange) ?? 0;
        const secrets = new Set([...this.secrets].filter(([, carriedBy]) => sequence > carriedBy).map(([secret]) => secret));
        // With --documented-only, operations the docs do not describe are judged only on leaks and server errors.
        const checks = this.documentedOnly && this.contract.operation(exchange.operationId).inferred ? this.alwaysJudged : this.selected;
        this.findings.push(...inspectExchange(exchange, { contract: this.contract, secrets }, checks));
      }
    }
    // Findings of other checks (the response checks) are kept aside with the run that showed them, so that
    // they neither stop this suite nor steer its shrinking; a run of the first, unshrunk pass replays as path `i`.
    const path = this.ownFailure ? null : String(this.runIndex);
    this.runIndex++;
    const own = this.findings.filter((finding) => finding.check === this.suiteId);
    for (const finding of this.findings.filter((f) => f.check !== this.suiteId)) this.sideFindings.push({ finding, run: [...this.current], path });
    if (own.length) {
      this.ownFailure = true;
      throw new ContractViolation(own, [...this.current]);
    }
  }

  /** Starts a suite's property: its own findings fail it, the others are collected aside. */
  beginSuite(id: CheckId): void {
    this.suiteId = id;
    this.runIndex = 0;
    this.ownFailure = false;
    this.sideFindings = [];
  }

  /** The findings of other checks that the suite's runs turned up, each with its run and replay path. */
  takeSideFindings(): SideFinding[] {
    const side = this.sideFindings;
    this.sideFindings = [];
    return side;
  }

  /** The exchanges of the current run, in order: what a replay sends again. */
  runExchanges(): Exchange[] {
    return [...this.current];
  }

  /**
   * Disconnects every kind a run may have connected (all kinds when `everything`), so runs start alike.
   * Clean-up traffic is no exchange of any check.
   */
  async cleanUp(everything = false): Promise<void> {
    for (const org of this.orgs) {
      const key = this.keyWith(['integrations:write'], org);
      const kinds = everything ? this.kinds : [...(this.touched.get(org) ?? [])];
      if (!key) continue;
      for (const kind of kinds) {
        const operation = this.contract.operation('disconnectIntegration');
        await this.client.send({ operationId: operation.operationId, method: 'DELETE', path: `/integrations/${encodeURIComponent(kind)}`, authorization: `Bearer ${key.token}`, keyName: key.name });
      }
      this.touched.delete(org);
    }
  }

  private touch(org: string, kind: string): void {
    const kinds = this.touched.get(org) ?? new Set<string>();
    kinds.add(kind);
    this.touched.set(org, kinds);
  }
}
