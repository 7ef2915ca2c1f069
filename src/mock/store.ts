import type { SealedCredentials } from './credentials.js';
import type { DiscoveredSchema } from './discovered-schema.js';
import { keyName, type MockData } from './mock-data.js';
import { emptyScoping, type Scoping } from './scoping.js';
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

  constructor(private readonly data: MockData) {
    this.reset();
  }

  reset(): void {
    for (const map of [this.orgs, this.keys, this.agents, this.connections, this.consents, this.skills]) map.clear();
    for (const org of this.data.orgs) {
      this.orgs.set(org.id, { ...org });
      this.connections.set(org.id, new Map());
    }
    for (const agent of this.data.agents) this.agents.set(agent.id, { id: agent.id, orgId: agent.org, name: agent.name ?? agent.id });
    this.data.keys.forEach((key, index) => {
      this.keys.set(key.token, { token: key.token, name: keyName(key, index), orgId: key.org, scopes: new Set(key.scopes) });
    });
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
