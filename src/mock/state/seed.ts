import type { SealedCredentials } from '../credentials.js';
import type { Scoping } from '../scoping.js';
import type { SkillSpec } from '../skill-body.js';
import type { AuthType, IntegrationKind } from '../types.js';

/**
 * Start data checked and compiled: everything the store needs to (re)build its state, and nothing that can
 * still fail. A time left undefined is the time of the (re)build.
 */
export interface Seed {
  readonly orgs: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly agents: ReadonlyArray<{ readonly id: string; readonly orgId: string; readonly name: string }>;
  readonly keys: ReadonlyArray<{ readonly token: string; readonly name: string; readonly orgId: string; readonly scopes: readonly string[] }>;
  readonly connections: readonly SeedConnection[];
  readonly skills: readonly SeedSkill[];
}

export interface SeedConnection {
  readonly orgId: string;
  readonly kind: IntegrationKind;
  readonly authType: AuthType;
  readonly status: 'pending' | 'connected';
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
  /** Null while pending. */
  readonly connectedAt: string | null | undefined;
  /** Whether it starts discovered, and since when. */
  readonly discovered: boolean;
  readonly discoveredAt: string | undefined;
  readonly credentials: SealedCredentials | null;
  readonly scoping: Scoping;
}

export interface SeedSkill {
  readonly agentId: string;
  readonly spec: SkillSpec;
  /** A saved skill keeps its id and times; a recipe's skill gets new ones at each build. */
  readonly saved?: { readonly id: string; readonly createdAt: string; readonly updatedAt: string };
}
