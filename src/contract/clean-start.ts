import type { ConfiguredKey } from './config.js';
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
  /** Set once a run's report carries it as a finding. */
  reported: boolean;
}

/** How long a clean-up waits before it reads the list again, for a target that removes a connection a moment after answering. */
const SETTLE_MS = 250;

/** At most this many pages of the connection list are read when checking what a clean-up left. */
const MAX_PAGES = 20;

/**
 * Every run leaves its lanes as it found them (nothing connected): its clean-up disconnects what it connected and
 * then reads the connection list to confirm it. A connection the target keeps despite that (a disconnect that
 * answers 2xx and removes nothing) is remembered with its cause, removed again before the next run in its lane, and
 * when it still stays, that run is told what it inherits, so that its findings say so instead of blaming
 * whatever it was testing. Clean-up traffic is no exchange of any check.
 */
export class CleanStart {
  /** `org:kind` → what stayed behind there. */
  private readonly leftovers = new Map<string, Leftover>();

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
        for (const kind of checked) {
          const status = listed?.get(kind);
          if (status === undefined) {
            this.leftovers.delete(`${org}:${kind}`);
            continue;
          }
          const answer = answers.get(kind);
          const how = answer === undefined ? 'its own disconnect was answered 2xx' : `the clean-up's disconnect was answered ${answer === 0 ? 'nothing' : answer}`;
          const lane = `${org}:${kind}`;
          // The first clean-up that met it named its cause; a retry only confirms it.
          if (this.leftovers.has(lane)) continue;
          const leftover = { org, kind, status, how, by, cause: `${kind} (${status}) left behind in ${org} by ${by}: ${how}, yet the connection list still shows it`, reported: false };
          this.leftovers.set(lane, leftover);
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

  /** The leftovers in `lanes` no run's report carries yet, marked as carried by the caller's. */
  takeUnreported(lanes: readonly string[]): Leftover[] {
    const taken = lanes.flatMap((lane) => {
      const leftover = this.leftovers.get(lane);
      return leftover && !leftover.reported ? [leftover] : [];
    });
    for (const leftover of taken) leftover.reported = true;
    return taken;
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
