import { ToolError } from '../tool-errors.js';
import type { SealedCredentials } from './credentials.js';
import type { DiscoveredSchema } from './discovered-schema.js';
import type { MockData } from './mock-data.js';
import { emptyScoping, type Scoping } from './scoping.js';
import { buildState } from './state/build-state.js';
import { checkAndCompile, summarizeErrors } from './state/compile-seed.js';
import type { Seed } from './state/seed.js';
import type { AuthType, IntegrationKind } from './types.js';

export interface ApiKey {
  readonly token: string;
  readonly name: string;
  readonly orgId: string;
  readonly scopes: ReadonlySet<string>;
}

export interface Agent {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
}

export interface Connection {
  readonly kind: IntegrationKind;
  readonly authType: AuthType;
  status: 'pending' | 'connected';
  readonly createdAt: string;
  updatedAt: string;
  connectedAt: string | null;
  credentials: SealedCredentials | null;
  discovery: { schema: DiscoveredSchema; discoveredAt: string } | null;
  scoping: Scoping;
}

/** A pending OAuth authorization, reached through the consent page's one-time `state`. */
export interface ConsentRequest {
  readonly state: string;
  readonly orgId: string;
  readonly kind: IntegrationKind;
}

export interface StoredSkill {
  readonly id: string;
  readonly agentId: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
}

export interface StoreOptions {
  /** The time given to what the start data leaves undated, at each (re)build (default: the wall clock). */
  readonly clock?: () => Date;
}

/** The mock's whole state: explicit, in memory, and rebuilt from the start data on reset. */
export class Store {
  readonly orgs = new Map<string, { id: string; name: string }>();
  readonly keys = new Map<string, ApiKey>();
  readonly agents = new Map<string, Agent>();
  /** orgId → kind → connection */
  readonly connections = new Map<string, Map<IntegrationKind, Connection>>();
  readonly consents = new Map<string, ConsentRequest>();
  /** agentId → its skills (bound, provisioned, installed from a pack, auto-bound), in creation order */
  readonly skills = new Map<string, StoredSkill[]>();
  private readonly seed: Seed;
  private readonly clock: () => Date;
  private readonly listeners = new Set<() => void>();

  /** Throws DATA_INVALID, naming the field, for data of the wrong shape or that the API could not have produced. */
  constructor(data: MockData, options: StoreOptions = {}) {
    const compiled = checkAndCompile(data, 'data');
    if (compiled.errors) throw new ToolError('DATA_INVALID', summarizeErrors(compiled.errors));
    this.seed = compiled.seed;
    this.clock = options.clock ?? (() => new Date());
    this.reset();
  }

  /** Back to the start data. */
  reset(): void {
    this.load(this.seed);
  }

  /**
   * Replaces the whole state with a compiled seed (a restored snapshot; `reset` still goes back to the start
   * data). Consent links are never part of a seed: a pending connection is connected again to get one.
   */
  load(seed: Seed): void {
    for (const map of [this.orgs, this.keys, this.agents, this.connections, this.consents, this.skills]) map.clear();
    buildState(this, seed, this.clock().toISOString());
  }

  /** Calls `listener` after each change (a `--state` file saves on it); returns what stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called by whoever changed the state (the core, after a request that may have) so that observers hear of it. */
  notifyChange(): void {
    for (const listener of [...this.listeners]) listener();
  }

  connectionsOf(orgId: string): Map<IntegrationKind, Connection> {
    let connections = this.connections.get(orgId);
    if (!connections) {
      connections = new Map();
      this.connections.set(orgId, connections);
    }
    return connections;
  }

  connection(orgId: string, kind: IntegrationKind): Connection | undefined {
    return this.connections.get(orgId)?.get(kind);
  }

  /** Forgets the org's pending OAuth authorizations of a kind (a new connect or a disconnect ends them). */
  dropConsents(orgId: string, kind: IntegrationKind): void {
    for (const [state, consent] of this.consents) if (consent.orgId === orgId && consent.kind === kind) this.consents.delete(state);
  }

  /** The agent's skill of that name: a name is unique on an agent, whichever way the skill was made. */
  skillNamed(agentId: string, name: string): StoredSkill | undefined {
    return this.skills.get(agentId)?.find((skill) => skill.name === name);
  }

  addSkill(skill: StoredSkill): void {
    const skills = this.skills.get(skill.agentId);
    if (skills) skills.push(skill);
    else this.skills.set(skill.agentId, [skill]);
  }

  /** The agent when it belongs to the org; another org's agent is as absent as a missing one. */
  agentOf(orgId: string, agentId: string): Agent | undefined {
    const agent = this.agents.get(agentId);
    return agent?.orgId === orgId ? agent : undefined;
  }

  newConnection(kind: IntegrationKind, authType: AuthType, now: string): Connection {
    return {
      kind,
      authType,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
      connectedAt: null,
      credentials: null,
      discovery: null,
      scoping: emptyScoping(),
    };
  }
}
