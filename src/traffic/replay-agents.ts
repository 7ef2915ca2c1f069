import type { KeyMapping } from './replay-keys.js';
import { pairedMembers } from './replay-paired-members.js';

/** What a recorded agent id becomes on the target, or why the request cannot be sent. */
export type AgentMapping = { readonly agent: string } | { readonly reason: string };

/**
 * Maps the agent ids of a recording to the target's, by the recorded id: an agent of the config (`agents`, by
 * organization) keeps its id, so that a recording of this target or of the mock sends each request to the agent it
 * named, a cross-tenant probe (one organization's key on another's agent) included; an agent named differently on the
 * target is learned from the answers (the `agentId` the two hold at the same place), or from a recorded 2xx on it
 * (a server answers one only for an agent of the caller's organization: the mapped key's). An id nothing tells of is
 * sent as recorded: the target answers as for an agent it does not have, as a recorded probe of a foreign one expects.
 */
export class AgentMap {
  private readonly learned = new Map<string, string>();
  private readonly configured: ReadonlySet<string>;

  /** `byOrg`: organization label → that organization's agent on the target (the config's `agents`). */
  constructor(private readonly byOrg: Readonly<Record<string, string>>) {
    this.configured = new Set(Object.values(byOrg));
  }

  /** The target's agent for the one a recorded request named, sent with `key`, answered `recordedStatus`. */
  map(recorded: string, key: KeyMapping, recordedStatus: number): AgentMapping {
    const learned = this.learned.get(recorded);
    if (learned !== undefined) return { agent: learned };
    if (this.configured.has(recorded)) return { agent: recorded };
    if (recordedStatus >= 200 && recordedStatus < 300 && key.kind === 'mapped') {
      const agent = this.byOrg[key.key.org];
      if (agent === undefined) return { reason: `no agent of organization "${key.key.org}" in the config` };
      this.learned.set(recorded, agent);
      return { agent };
    }
    return { agent: recorded };
  }

  /** Learns every `agentId` the recorded answer and the target's hold at the same place. */
  learn(recordedAnswer: unknown, replayedAnswer: unknown): void {
    for (const [recorded, replayed] of pairedMembers(recordedAnswer, replayedAnswer, 'agentId')) this.learned.set(recorded, replayed);
  }
}
