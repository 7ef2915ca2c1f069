import { AsyncLocalStorage } from 'node:async_hooks';
import type { CheckId } from './checks.js';
import { CleanStart } from './clean-start.js';
import type { ConfiguredKey, TestConfig } from './config.js';
import { integrationKinds, type Contract } from './contract.js';
import type { Exchange } from './exchange.js';
import { compactFinding, ContractViolation, type Finding, type FindingKind } from './findings.js';
import { Lanes } from './lanes.js';
import { ConfiguredOrgs } from './configured-orgs.js';
import { ProbeRecord, type ProbeCoverage } from './probe-coverage.js';
import { PropertyRun } from './property-run.js';
import { inspectExchange } from './response-checks.js';
import { judgedChecks } from './judged-checks.js';
import { runFrames } from './run-frame.js';
import { TransportFault } from './transport-fault.js';
import { PreconnectedKind, RunEnded } from './run-ends.js';
import type { TargetClient } from './target-client.js';
import type { SpecOperation } from '../spec/operations.js';
import { outgoingRequest, type CallOptions } from './call-options.js';

export type { CallOptions } from './call-options.js';

export interface ContextOptions {
  readonly onExchange?: (exchange: Exchange, suite: CheckId | undefined) => void;
  readonly onFault?: (fault: TransportFault) => void;
  readonly documentedOnly?: boolean;
  /** Stops the runs: no run starts once it is aborted, and requests in flight are cut. */
  readonly signal?: AbortSignal;
  /** Each clean-up request's time budget; clean-up runs even after the signal. */
  readonly cleanUpTimeoutMs?: number;
}

/**
 * What a suite works with: the target, the configured keys and agents, and its runs. Runs of many suites go
 * on at once, each in the lane of the kind it works on; `run` keeps each run's exchanges and findings apart
 * (through async context) and throws a ContractViolation for the suite's own findings, which fast-check
 * shrinks on. The response checks judge every exchange; their findings are reported aside.
 */
export class SuiteContext extends ConfiguredOrgs {
  readonly kinds: readonly string[];
  /** The operations the suites may judge: with --documented-only, those not marked `x-inferred`. */
  readonly operations: readonly SpecOperation[];
  private readonly runs = new AsyncLocalStorage<PropertyRun>();
  private readonly lanes = new Lanes();
  /** Every credential value submitted in any run, for redaction in reports. */
  private readonly allSecrets = new Set<string>();
  private readonly probes: ProbeRecord;
  private readonly cleanStart: CleanStart;
  /** Runs left out because their lanes could not be cleaned, and the first one's cause. */
  private readonly unclean: { count: number; cause?: string } = { count: 0 };

  constructor(
    readonly contract: Contract,
    config: TestConfig,
    readonly client: TargetClient,
    private readonly selected: ReadonlySet<CheckId>,
    private readonly options: ContextOptions = {},
  ) {
    super(config);
    this.kinds = integrationKinds(contract);
    this.operations = contract.operations.filter((operation) => !(options.documentedOnly && operation.inferred));
    this.probes = new ProbeRecord(selected);
    this.cleanStart = new CleanStart(client, (org, scope) => this.keyWith([scope], org), (org, kind) => this.preconnected(org, kind), () => options.cleanUpTimeoutMs ?? 5_000);
  }

  /** True with --documented-only: suites leave out what rests on the contract's choices. */
  get documentedOnly(): boolean {
    return this.options.documentedOnly === true;
  }

  /** Every credential value submitted so far, for redaction in reports. */
  submittedSecrets(): ReadonlySet<string> {
    return this.allSecrets;
  }

  /** The run's stop signal: what a suite starts outside the API (an approval command) stops with it. */
  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** The suite whose run is going on, if any. */
  get suite(): CheckId | undefined {
    return runFrames.getStore()?.suite;
  }

  /** Remembers a credential the next request submits: no response after that one may contain it. */
  submitSecret(value: string): void {
    const run = this.runs.getStore();
    if (value.length < 8) return;
    this.allSecrets.add(value);
    if (run && !run.secrets.has(value)) run.secrets.set(value, run.nextSlot);
  }

  /** Records that a named probe of `check` was sent: the report lists the probes no run managed to send. */
  probed(check: CheckId, probe: string): void {
    this.probes.sent(check, probe);
  }

  /** Records that a probe could not be arranged on this target, and why; another run that sends it clears this. */
  notProbed(check: CheckId, probe: string, reason: string): void {
    this.probes.notSent(check, probe, reason);
  }

  /** How many runs were left out because their lanes could not be brought back to a clean state, and why the first was. */
  uncleanStarts(): { readonly count: number; readonly cause?: string } {
    return this.unclean;
  }

  /** Every probe recorded, sorted: what the report's coverage says was and was not sent. */
  probeCoverage(): ProbeCoverage[] {
    return this.probes.list();
  }

  async call(operationId: string, options: CallOptions = {}): Promise<Exchange> {
    const operation = this.contract.operation(operationId);
    const run = this.runs.getStore();
    if (run?.closed) throw new RunEnded();
    if (options.key && this.changesPreconnected(operationId, operation.scopes, options.key, options.params?.kind)) throw new PreconnectedKind(options.key.org, options.params!.kind!);
    // What the run may have connected, for its clean-up (a refused connect too: the target may have connected anyway).
    if (run && options.key && options.params?.kind && operationId === 'connectIntegration') run.touch(options.key.org, options.params.kind);
    const slot = run?.takeSlot() ?? -1;
    const sending = this.client.send(outgoingRequest(operation, options));
    run?.pending.add(sending);
    let exchange: Exchange;
    try {
      exchange = await sending;
    } catch (error) {
      if (error instanceof TransportFault && error.kind !== 'aborted') {
        this.options.onFault?.(error);
        run?.faulted(slot, error.request, { check: 'response_received', kind: 'transport_fault', operationId, message: error.message, request: error.request, fault: error.kind });
      }
      throw error;
    } finally {
      run?.pending.delete(sending);
    }
    // Judged as it arrives: a run holds no whole body while its other requests go on.
    run?.answered(slot, exchange, this.judge(exchange, run, slot));
    if (run && options.key && options.params?.kind && operationId === 'disconnectIntegration' && exchange.response.status < 300) run.untouch(options.key.org, options.params.kind);
    this.options.onExchange?.(exchange, runFrames.getStore()?.suite);
    return exchange;
  }

  /** Records a finding of the running suite. */
  fail(check: CheckId, kind: FindingKind, operationId: string, message: string, exchange?: Exchange): void {
    // Kept as an excerpt at once: a run holds no whole body while its other requests go on.
    if (this.selected.has(check)) this.currentRun().findings.push(compactFinding({ check, kind, operationId, message, exchange }));
  }

  /** Records a finding and stops the run: what follows would only repeat it. */
  stop(check: CheckId, kind: FindingKind, operationId: string, message: string, exchange?: Exchange): never {
    this.fail(check, kind, operationId, message, exchange);
    throw new ContractViolation(this.currentRun().findings);
  }

  /**
   * Runs one property iteration as one of `keys` (one per organization, see keysWith): the runs take turns by
   * their index, so that they spread evenly over the organizations and their lanes, and a shrunk or replayed
   * run works as the one it comes from did.
   */
  async runAs(keys: readonly ConfiguredKey[], kind: string, scenario: (key: ConfiguredKey) => Promise<void>): Promise<void> {
    const key = keys[(runFrames.getStore()?.index ?? 0) % keys.length]!;
    return this.run(kind, () => scenario(key), key.org);
  }

  /**
   * Runs one property iteration in the lane of `kind` in `org` (every organization when omitted; an empty
   * kind: a run that changes no state; EVERY_KIND: every kind's lane), from the clean state every run leaves behind; throws a
   * ContractViolation when the suite's own check found anything.
   */
  async run(kind: string, scenario: () => Promise<void>, org?: string): Promise<void> {
    const frame = runFrames.getStore();
    if (!frame) throw new Error('SuiteContext.run() needs a runner frame');
    if (this.options.signal?.aborted) return frame.report({ own: [], side: [], steps: [], traffic: [], completed: false });
    const kinds = kind === EVERY_KIND ? this.kinds : [kind];
    const lanes = kind ? (org === undefined ? this.orgs : [org]).flatMap((name) => kinds.map((each) => `${name}:${each}`)) : [];
    const release = await this.lanes.enter(lanes, frame.slots);
    if (this.options.signal?.aborted || frame.cancelled?.()) {
      release();
      return frame.report({ own: [], side: [], steps: [], traffic: [], completed: false });
    }
    // A run starts from the state it arranges, never from what an earlier one left: one that cannot is not run.
    const inherited = await this.cleanStart.before(lanes);
    if (inherited) {
      release();
      // Not a pass: the run is left out of the runs done, and the report's completion says why (see uncleanStarts).
      this.unclean.count++;
      this.unclean.cause ??= inherited;
      this.notProbed(frame.suite, 'every run from a clean start', `a run was not run: ${inherited}`);
      return frame.report({ own: [], side: [], steps: [], traffic: [], completed: false });
    }
    const run = new PropertyRun();
    let trouble: unknown;
    try {
      await this.runs.run(run, scenario);
    } catch (error) {
      // A recorded finding may stop a scenario at once (its model is no longer the target's state); a
      // transport fault was recorded where it happened; anything else is the suite's own trouble.
      if (error instanceof PreconnectedKind) this.notProbed(frame.suite, `a run in the lane of ${error.kind} in ${error.org}`, error.message);
      else if (!(error instanceof TransportFault) && !(error instanceof RunEnded) && !run.findings.length) trouble = error;
    } finally {
      // No request of this run may start once it ended (a branch of a Promise.all that failed elsewhere would
      // go on): closed first, then what is under way is waited for, then the lane is cleaned and let go.
      run.close();
      await Promise.allSettled(run.pending);
      await this.cleanUp(run.touched, `a ${frame.suite} run`, run.connected);
      release();
    }
    if (this.options.signal?.aborted) return frame.report({ own: [], side: [], steps: [], traffic: [], completed: false });
    if (trouble !== undefined) {
      // A suite that cannot go on (say, a body it needed is missing) has found a deviation too.
      const message = trouble instanceof Error ? trouble.message : String(trouble);
      run.findings.push({ check: frame.suite, kind: 'semantic_mismatch', operationId: '(suite)', message: `the suite could not proceed: ${message}` });
    }
    const { own, side, steps, traffic } = run.outcome(frame.suite);
    const sidePath = frame.sidePath;
    frame.report({ own, side: sidePath === null ? [] : side.map((finding) => ({ finding, steps, path: sidePath })), steps, traffic, completed: true });
    if (own.length) throw new ContractViolation(own);
  }

  /** What clean-ups found a disconnect answered 2xx for and left listed, as findings of the stateful check (when selected). */
  leftoverFindings(): Finding[] {
    return this.selected.has('stateful') ? this.cleanStart.findings() : [];
  }

  /** See CleanStart.confirmPreconnected: throws a CONFIG_INVALID error when the target disagrees with the config. */
  confirmPreconnected(): Promise<void> {
    return this.cleanStart.confirmPreconnected(this.config.oauth?.connected ?? {});
  }

  /**
   * Disconnects kinds in each organization (all kinds in all organizations when `everything`), side by side,
   * each within the clean-up budget even when the run was stopped, and confirms they are gone (see CleanStart);
   * `verify` adds kinds to confirm that the run disconnected itself. Pre-connected kinds stay.
   */
  async cleanUp(everything: true | ReadonlyMap<string, ReadonlySet<string>>, by = 'a run before this one', verify?: ReadonlyMap<string, ReadonlySet<string>>): Promise<void> {
    const kinds = everything === true ? new Map(this.orgs.map((org) => [org, new Set(this.kinds)])) : everything;
    await this.cleanStart.cleanUp(kinds, by, verify);
  }

  /**
   * The response checks' findings for the exchange in `slot`. Every secret an earlier request carried is known
   * by then: a secret is registered before the request that carries it takes its slot.
   */
  private judge(exchange: Exchange, run: PropertyRun, slot: number): Finding[] {
    const secrets = new Set([...run.secrets].filter(([, carriedBy]) => slot > carriedBy).map(([secret]) => secret));
    const checks = judgedChecks(this.selected, this.contract.operation(exchange.operationId), exchange.response.status, this.documentedOnly);
    return inspectExchange(exchange, { contract: this.contract, secrets }, checks);
  }

  private currentRun(): PropertyRun {
    const run = this.runs.getStore();
    if (!run) throw new Error('a suite recorded a finding outside SuiteContext.run()');
    return run;
  }
}

/** The kind of a run that needs every kind's lane: what it reads (the connection list) no other run may change meanwhile. */
export const EVERY_KIND = '*';
