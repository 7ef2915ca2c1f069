import { redactRequest } from './curl.js';
import type { Exchange, SentRequest } from './exchange.js';
import { compactFinding, type Finding } from './findings.js';
import type { CheckId } from './checks.js';

/**
 * One property run's own record: its requests by slot (the order they were made in, whatever order their
 * answers came back in), what the response checks found of each, the suite's findings, the secrets it
 * submitted and the connections it may have made.
 */
export class PropertyRun {
  /** The requests by slot, redacted: what a replay sends again. */
  private readonly requests: Array<SentRequest | undefined> = [];
  /** The operation and status of each request by slot (status 0: no answer), for the report's counts. */
  private readonly traffic: Array<readonly [string, number] | undefined> = [];
  /** The response checks' findings by slot (or the transport fault of a request that got no answer). */
  private readonly judged: Array<readonly Finding[] | undefined> = [];
  /** The suite's own findings, as it recorded them. */
  readonly findings: Finding[] = [];
  /** Requests still under way: a scenario that stopped early may leave some, which the run waits for. */
  readonly pending = new Set<Promise<unknown>>();
  /** Submitted credential → the slot of the request that carried it; later answers must not show it. */
  readonly secrets = new Map<string, number>();
  /** Organization → kinds this run may have connected and not disconnected since, for its clean-up. */
  readonly touched = new Map<string, Set<string>>();
  /** Organization → every kind this run may have connected: its clean-up confirms that none stays. */
  readonly connected = new Map<string, Set<string>>();

  /** Set when the run ends: no request of it may start after. */
  closed = false;

  close(): void {
    this.closed = true;
  }

  /** The slot of the next request: taken before sending, so that requests sent side by side keep their order. */
  takeSlot(): number {
    return this.requests.push(undefined) - 1;
  }

  /** The slot the next request will take. */
  get nextSlot(): number {
    return this.requests.length;
  }

  /** An answered request, with what the response checks found of it; only an excerpt of its body is kept. */
  answered(slot: number, exchange: Exchange, found: readonly Finding[]): void {
    this.requests[slot] = redactRequest(exchange.request);
    this.traffic[slot] = [exchange.operationId, exchange.response.status];
    this.judged[slot] = found.map(compactFinding);
  }

  /** A request that got no whole answer, and the finding that says so. */
  faulted(slot: number, request: SentRequest, finding: Finding): void {
    this.requests[slot] = redactRequest(request);
    this.traffic[slot] = [finding.operationId, 0];
    this.judged[slot] = [finding];
  }

  touch(org: string, kind: string): void {
    this.touched.set(org, (this.touched.get(org) ?? new Set<string>()).add(kind));
    this.connected.set(org, (this.connected.get(org) ?? new Set<string>()).add(kind));
  }

  /** A kind the run disconnected itself needs no clean-up. */
  untouch(org: string, kind: string): void {
    this.touched.get(org)?.delete(kind);
  }

  /** Every finding, the suite's first, then the response checks' in request order; split into the suite's own and the others. */
  outcome(suite: CheckId): { own: Finding[]; side: Finding[]; steps: SentRequest[]; traffic: Array<readonly [string, number]> } {
    const all = [...this.findings, ...this.judged.flatMap((found) => found ?? [])].map(compactFinding);
    return {
      own: all.filter((finding) => finding.check === suite),
      side: all.filter((finding) => finding.check !== suite),
      steps: this.requests.filter((request): request is SentRequest => request !== undefined),
      traffic: this.traffic.filter((sent): sent is readonly [string, number] => sent !== undefined),
    };
  }
}
