import { beforeEach, describe, expect, it } from 'vitest';
import { connectAndDiscoverPostgres, createTestMock, KEYS, type TestMock } from '../support/test-mock.js';
import { connectOAuth, fieldsOf, startOAuth } from './connections.js';

const PROVISION = '/api/v1/agents/agt_acme_demo/integrations/google_calendar/provision';
type Provisioned = Array<{ skill: { id: string; name: string; isEnabled: boolean; isWrite: boolean } & Record<string, unknown>; created: boolean }>;

describe('provisioning actions', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  const provision = (body?: unknown, url = PROVISION, key: string = KEYS.acmeAdmin) => mock.call('POST', url, { key, body });

  it.each([
    ['no body', undefined],
    ['{}', {}],
    ['actions: []', { actions: [] }],
  ])('should provision every important action, as disabled drafts, given %s', (_, body) => {
    connectOAuth(mock, 'google_calendar');
    const reply = provision(body);
    expect(reply.status).toBe(200);
    const data = reply.body.data as Provisioned;
    expect(data.map((item) => [item.skill.name, item.created])).toEqual([
      ['google_calendar_check_availability', true],
      ['google_calendar_create_event', true],
    ]);
    expect(data.every((item) => item.skill.isEnabled === false)).toBe(true);
  });

  it('should gate a write action and type the skill\'s parameters from the action', () => {
    connectOAuth(mock, 'google_calendar');
    const [read, write] = provision().body.data as Provisioned;
    expect(read!.skill).toMatchObject({ isWrite: false, requiresConfirmation: false, nonParallelizable: false, requiredParams: ['start', 'end'] });
    expect(read!.skill.parametersSchema).toMatchObject({ properties: { start: { type: 'string', format: 'date-time' }, durationMinutes: { type: 'integer' } } });
    expect(read!.skill.executionConfig).toEqual({ transport: 'native_action', kind: 'google_calendar', action: 'check_availability', operatorConfig: { calendarId: null } });
    expect(write!.skill).toMatchObject({ isWrite: true, requiresConfirmation: true, nonParallelizable: true, requiresVerifiedIdentity: false });
    const [cancel] = provision({ actions: ['cancel_event'] }).body.data as Provisioned;
    expect(cancel!.skill).toMatchObject({ isWrite: true, requiresVerifiedIdentity: true, isEnabled: false });
  });

  it('should be idempotent: a re-run answers the same skills, created: false, and creates nothing', () => {
    connectOAuth(mock, 'google_calendar');
    const first = provision({ actions: ['create_event', 'check_availability'] }).body.data as Provisioned;
    const again = provision({ actions: ['create_event', 'check_availability'] }).body.data as Provisioned;
    expect(again.map((item) => item.skill.id)).toEqual(first.map((item) => item.skill.id));
    expect(again.map((item) => item.created)).toEqual([false, false]);
    expect(again.map((item) => item.skill)).toEqual(first.map((item) => item.skill));
    const mixed = provision({ actions: ['reschedule_event', 'create_event'] }).body.data as Provisioned;
    expect(mixed.map((item) => item.created)).toEqual([true, false]);
    expect(mock.store.skills.get('agt_acme_demo')).toHaveLength(3);
  });

  it('should provision a slug named twice once', () => {
    connectOAuth(mock, 'google_calendar');
    const data = provision({ actions: ['cancel_event', 'cancel_event'] }).body.data as Provisioned;
    expect(data.map((item) => [item.skill.name, item.created])).toEqual([['google_calendar_cancel_event', true]]);
  });

  it('should refuse unknown slugs with 422 unknown_action, naming each as actions[i], and create nothing', () => {
    connectOAuth(mock, 'google_calendar');
    const reply = provision({ actions: ['check_availability', 'send_fax', 'create_event', 'teleport'] });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe('unknown_action');
    expect(fieldsOf(reply)).toEqual(['actions[1]', 'actions[3]']);
    expect(mock.store.skills.size).toBe(0);
  });

  it('should answer 409 provider_not_connected while the OAuth approval is pending, and before any connect', () => {
    const before = provision();
    expect(before.status).toBe(409);
    expect(before.body.code).toBe('provider_not_connected');
    startOAuth(mock, 'google_calendar');
    expect(provision().body.code).toBe('provider_not_connected');
    expect(provision(undefined, '/api/v1/agents/agt_acme_demo/integrations/calendly/provision').status).toBe(409);
  });

  it("should answer 404 agent_not_found for another org's agent, and for an unknown one", () => {
    connectOAuth(mock, 'google_calendar');
    for (const agent of ['agt_globex_demo', 'agt_nobody']) {
      const reply = provision(undefined, `/api/v1/agents/${agent}/integrations/google_calendar/provision`);
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('agent_not_found');
    }
    expect(mock.store.skills.size).toBe(0);
  });

  it('should take the tool name, so a later binding of that name is the duplicate-name 409', () => {
    connectOAuth(mock, 'google_calendar');
    mock.call('POST', '/api/v1/integrations/google_calendar/discover');
    provision({ actions: ['check_availability'] });
    const reply = mock.call('POST', '/api/v1/agents/agt_acme_demo/integrations/google_calendar/bindings', {
      body: { toolName: 'google_calendar_check_availability', operation: 'listCalendars' },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('duplicate_tool_name');
  });

  it('should answer a connected provider with no actions with none, and refuse naming one', () => {
    connectAndDiscoverPostgres(mock);
    const url = '/api/v1/agents/agt_acme_demo/integrations/postgres/provision';
    expect(provision(undefined, url).body).toEqual({ success: true, data: [] });
    expect(fieldsOf(provision({ actions: ['search_customers'] }, url))).toEqual(['actions[0]']);
  });

  it('should ignore unknown body keys (the docs name only actions), and refuse a key without skills:write', () => {
    connectOAuth(mock, 'google_calendar');
    expect(provision({ action: ['check_availability'] }).status).toBe(200);
    expect(provision(undefined, PROVISION, KEYS.acmeReader).status).toBe(403);
  });

  it('should show provisioned skills in the mock state', () => {
    connectOAuth(mock, 'google_calendar');
    const [item] = provision({ actions: ['check_availability'] }).body.data as Provisioned;
    const state = mock.call('GET', '/__mock/state', { key: null }).body.data;
    expect(state.skills.agt_acme_demo).toEqual([item!.skill]);
  });
});
