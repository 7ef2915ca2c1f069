import type { ConfiguredKey } from './config.js';
import type { Finding } from './findings.js';
import { ToolError } from '../tool-errors.js';
import type { TargetClient } from './target-client.js';

/** A connection a clean-up could not remove, and how it came to be there. */
export interface Leftover {
  readonly org: string;
  readonly kind: string;
  /** Its status in the connection list. */
  readonly status: string;
  /** What the disconnect was answered, in words. */
  readonly how: string;
  /** The run whose clean-up met it first, in words. */
  readonly by: string;
  /** Which earlier steps produced it, in words: the run that connected it and what its clean-up was answered. */
  readonly cause: string;
  /**
   * True when a disconnect answered 2xx (or 404, not connected) and the list still shows the connection: a deviation
   * of the target's own (see findings). Otherwise (no answer, a refusal) the target may be right and only the lane is
   * unusable.
   */
  readonly deviation: boolean;
}

/** How long a clean-up waits before it reads the list again, for a target that removes a connection a moment after answering. */
const SETTLE_MS = 250;

/** At most this many pages of the connection list are read when checking what a clean-up left: each holds the lane. */
const MAX_PAGES = 5;

/**
 * Every run leaves its lanes as it found them (nothing connected): its clean-up disconnects what it connected and
 * then reads the connection list to confirm it. A connection the target keeps despite that (a disconnect that
 * answers 2xx and removes nothing) is remembered with its cause, removed again before the next run in its lane, and
 * when it still stays, that run is told what it inherits, so that its findings say so instead of blaming
 * whatever it was testing. Clean-up traffic is no exchange of any check.
 */
export class CleanStart {
  /** `org:kind` → what stays behind there now. */
  private readonly leftovers = new Map<string, Leftover>();
  /** `org:kind` → the first deviation met there, even once removed: the report's finding. */
  private readonly met = new Map<string, Leftover>();

  constructor(
    private readonly client: TargetClient,
    private readonly keyOf: (org: string, scope: string) => ConfiguredKey | undefined,
    /** Organization → kinds the config says are pre-connected there: never disconnected, never leftovers. */
    private readonly preconnected: (org: string, kind: string) => boolean,
    private readonly timeoutMs: () => number,
  ) {}

  /**
   * Disconnects `kinds` by organization, side by side, then reads each organization's list to confirm they are
   * gone; `by` names what connected them, for the cause of anything left. `verify` adds kinds to confirm gone
   * without disconnecting them again (the run disconnected them itself).
   */
  async cleanUp(kinds: ReadonlyMap<string, ReadonlySet<string>>, by: string, verify: ReadonlyMap<string, ReadonlySet<string>> = new Map()): Promise<void> {
    const orgs = new Set([...kinds.keys(), ...verify.keys()]);
    await Promise.all(
      [...orgs].map(async (org) => {
        // An organization no key may disconnect in is one the suites connect nothing in, and cannot clean anyway.
        if (!this.keyOf(org, 'integrations:write')) return;
        const toDisconnect = [...(kinds.get(org) ?? [])].filter((kind) => !this.preconnected(org, kind));
        const answers = new Map(await Promise.all(toDisconnect.map(async (kind) => [kind, await this.disconnect(org, kind)] as const)));
        const checked = new Set([...toDisconnect, ...[...(verify.get(org) ?? [])].filter((kind) => !this.preconnected(org, kind))]);
        if (!checked.size) return;
        let listed = await this.listed(org);
        // A kind already known to stay gets no second chance: a dirty lane is met again by every run that wants it.
        if ([...checked].some((kind) => listed?.has(kind) && !this.leftovers.has(`${org}:${kind}`))) {
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          listed = await this.listed(org);
        }
        // A list that cannot be read tells nothing: the lanes stay as they were believed to be.
        if (!listed) return;
        for (const kind of checked) {
          const status = listed.get(kind);
          const lane = `${org}:${kind}`;
          if (status === undefined) {
            this.leftovers.delete(lane);
            continue;
          }
          // The first clean-up that met it named its cause; a retry only confirms it.
          if (this.leftovers.has(lane)) continue;
          const answer = answers.get(kind);
          // 2xx, or 404 ("not connected") for what the list shows: the target contradicts itself either way.
          const deviation = answer === undefined || (answer >= 200 && answer <= 299) || answer === 404;
          const how = answer === undefined ? 'its own disconnect was answered 2xx' : answer === 0 ? 'the clean-up\'s disconnect got no answer' : `the clean-up's disconnect was answered ${answer}`;
          const cause = `${kind} (${status}) left behind in ${org} by ${by}: ${how}, ${deviation ? 'yet' : 'and'} the connection list still shows it`;
          const leftover = { org, kind, status, how, by, cause, deviation };
          this.leftovers.set(lane, leftover);
          if (deviation && !this.met.has(lane)) this.met.set(lane, leftover);
        }
      }),
    );
  }

  /**
   * Before a run in `lanes` (`org:kind`): removes what earlier runs left there and answers what stays and who left
   * it, in words (undefined when the lanes are clean: the run may start).
   */
  async before(lanes: readonly string[]): Promise<string | undefined> {
    const dirty = lanes.filter((lane) => this.leftovers.has(lane));
    if (!dirty.length) return undefined;
    const byOrg = new Map<string, Set<string>>();
    for (const lane of dirty) {
      const [org, kind] = splitLane(lane);
      byOrg.set(org, (byOrg.get(org) ?? new Set()).add(kind));
    }
    await this.cleanUp(byOrg, 'an earlier run');
    const staying = dirty.filter((lane) => this.leftovers.has(lane));
    return staying.length ? staying.map((lane) => this.leftovers.get(lane)!.cause).join('; ') : undefined;
  }

  /**
   * Every leftover met that is the target's deviation, as a finding of the stateful check (a disconnect answered
   * with success removes the connection, and one answered 404 finds none, as its model states). Kept here for the whole test run and reported once
   * at its end, whichever run met it (a run's own report may not be kept: one past its suite's failing run); the
   * message names the kind and organization, and the runs left out say which run left it.
   */
  findings(): Finding[] {
    return [...this.met.values()].map(({ org, kind, status, how, by }) => ({
      check: 'stateful',
      kind: 'semantic_mismatch',
      operationId: 'disconnectIntegration',
      message: `${kind} in ${org} stays listed (${status}) after a disconnect: ${how}; first met in the runner's clean-up after ${by}`,
    }));
  }

  /**
   * Confirms that every kind the config says is pre-connected is listed connected, before any suite uses it: a
   * config that says otherwise than the target would make the suites blame the target for it.
   */
  async confirmPreconnected(connected: Readonly<Record<string, readonly string[]>>): Promise<void> {
    for (const [org, kinds] of Object.entries(connected)) {
      if (!kinds.length) continue;
      const listed = await this.listed(org);
      const wrong = kinds.find((kind) => listed?.get(kind) !== 'connected');
      if (wrong) {
        const seen = listed === undefined ? 'its connection list could not be read' : `its connection list shows ${wrong} as ${listed.get(wrong) ?? 'absent'}`;
        throw new ToolError('CONFIG_INVALID', `oauth.connected says ${wrong} is connected in ${org}, but ${seen}: connect it there first, or leave it out`);
      }
    }
  }

  /** The answer's status (0: none came) to a clean-up disconnect. */
  private async disconnect(org: string, kind: string): Promise<number> {
    const key = this.keyOf(org, 'integrations:write');
    if (!key) return 0;
    const request = { operationId: 'disconnectIntegration', method: 'DELETE', path: `/integrations/${encodeURIComponent(kind)}`, authorization: `Bearer ${key.token}`, keyName: key.name };
    return this.client.send(request, this.timeoutMs()).then(
      (exchange) => exchange.response.status,
      () => 0,
    );
  }

  /** The organization's connections as kind → status, every page; undefined when the list cannot be read. */
  private async listed(org: string): Promise<Map<string, string> | undefined> {
    const key = this.keyOf(org, 'integrations:read');
    if (!key) return undefined;
    const kinds = new Map<string, string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
      const request = { operationId: 'listIntegrations', method: 'GET', path: `/integrations?${query}`, authorization: `Bearer ${key.token}`, keyName: key.name };
      const body = await this.client.send(request, this.timeoutMs()).then(
        (exchange) => (exchange.response.status === 200 ? (exchange.response.json as { data?: unknown; hasMore?: unknown; nextCursor?: unknown }) : undefined),
        () => undefined,
      );
      if (!body || !Array.isArray(body.data)) return undefined;
      for (const item of body.data as Array<{ kind?: unknown; status?: unknown }>) if (typeof item?.kind === 'string') kinds.set(item.kind, String(item.status));
      if (!body.hasMore || typeof body.nextCursor !== 'string') return kinds;
      cursor = body.nextCursor;
    }
    return undefined;
  }
}

function splitLane(lane: string): [string, string] {
  const at = lane.lastIndexOf(':');
  return [lane.slice(0, at), lane.slice(at + 1)];
}
