import { beforeEach, describe, expect, it } from 'vitest';
import { createTestMock, KEYS, POSTGRES_CREDENTIALS, type TestMock } from '../support/test-mock.js';

const CHECK_ORDER = ['reachability', 'tls', 'authentication', 'schema_read', 'read_probe', 'read_only_session', 'latency'];

describe('SQL test and scripts', () => {
  let mock: TestMock;
  beforeEach(async () => {
    mock = await createTestMock();
  });

  const test = (credentials: object, kind = 'postgres') =>
    mock.call('POST', `/api/v1/integrations/${kind}/sql/test`, { body: { credentials: { ...POSTGRES_CREDENTIALS, ...credentials } } });

  it('should answer 200 with the ordered named checks and ok, storing nothing', () => {
    const before = JSON.stringify(mock.call('GET', '/__mock/state', { key: null }).body);
    const reply = test({});
    expect(reply.status).toBe(200);
    expect(reply.body.data.ok).toBe(true);
    expect(reply.body.data.checks.map((c: { name: string }) => c.name)).toEqual(CHECK_ORDER);
    expect(JSON.stringify(mock.call('GET', '/__mock/state', { key: null }).body)).toBe(before);
  });

  it.each(['127.0.0.1', 'localhost', '10.1.2.3', '172.20.0.5', '192.168.1.10', '169.254.169.254', 'metadata.google.internal', '[::1]', '::ffff:127.0.0.1', 'fd00::1', '0.0.0.0',
    '127.1', '2130706433', '0x7f000001', '017700000001', 'localhost.', 'metadata.google.internal.', '::127.0.0.1', '127.0.0.1:5432', '64:ff9b::a9fe:a9fe'])(
    'should refuse the host %s without contacting it',
    (host) => {
      const reply = test({ host });
      expect(reply.status).toBe(200);
      expect(reply.body.data.ok).toBe(false);
      expect(reply.body.data.checks[0]).toMatchObject({ name: 'reachability', status: 'failed' });
      expect(reply.body.data.checks.slice(1).every((c: { status: string }) => c.status === 'skipped')).toBe(true);
    },
  );

  it.each([
    ['an unreachable host', { host: 'db.example.invalid' }, 'reachability'],
    ['a wrong password', { password: 'wrong-password' }, 'authentication'],
    ['an admin user', { user: 'postgres' }, 'read_only_session'],
  ])('should report %s as a failed %s check, not an error', (_, change, failed) => {
    const reply = test(change);
    expect(reply.status).toBe(200);
    expect(reply.body.data.ok).toBe(false);
    expect(reply.body.data.checks.find((c: { status: string }) => c.status === 'failed').name).toBe(failed);
  });

  it('should name no credential value in its check messages', () => {
    for (const change of [{ host: 'db-secret-host.invalid' }, { password: 'wrong-password', user: 'secret_user_name' }, { user: 'postgres' }, { host: '10.9.8.7' }]) {
      const text = JSON.stringify(test(change).body);
      for (const value of Object.values(change)) if (value !== 'wrong-password' && value !== 'postgres') expect(text).not.toContain(value);
    }
  });

  it('should warn, not fail, on sslmode require', () => {
    const reply = test({ sslmode: 'require' });
    expect(reply.body.data.ok).toBe(true);
    expect(reply.body.data.checks[1]).toMatchObject({ name: 'tls', status: 'warning' });
  });

  it('should validate the descriptor like connect does', () => {
    const reply = test({ sslmode: 'disable', port: 5432 });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['credentials.port', 'credentials.sslmode']);
  });

  it('should answer 404 for a kind that is not a SQL database', () => {
    expect(test({}, 'shopify').status).toBe(404);
    expect(mock.call('GET', '/api/v1/integrations/shopify/sql/scripts?database=appdb').status).toBe(404);
  });

  it.each(['postgres', 'mysql'])('should generate a read-only %s script and a generated password, with no write script without tables', (kind) => {
    const data = mock.call('GET', `/api/v1/integrations/${kind}/sql/scripts?database=appdb`, { key: KEYS.acmeReader }).body.data;
    expect(data.readOnly.sql).toMatch(/SELECT/);
    expect(data.readOnly.sql).not.toMatch(/INSERT|UPDATE|DELETE/);
    expect(data.readOnly.sql).toContain(data.generatedPassword);
    expect(data.generatedPassword.length).toBeGreaterThanOrEqual(16);
    expect(data.write).toBeUndefined();
  });

  it('should scope the write script to the tables given and no others', () => {
    const data = mock.call('GET', '/api/v1/integrations/postgres/sql/scripts?database=appdb&tables=appointments,requests').body.data;
    expect(data.write.tables).toEqual(['appointments', 'requests']);
    expect(data.write.sql.match(/GRANT INSERT, UPDATE/g)).toHaveLength(2);
    expect(data.write.generatedPassword).not.toBe(data.generatedPassword);
    expect(data.write.sql).toContain(data.write.generatedPassword);
    expect(data.write.sql).not.toContain(data.generatedPassword);
    expect(data.write.sql).not.toMatch(/ALL TABLES|DELETE/);
  });

  it('should generate a new password each time and keep none', () => {
    const url = '/api/v1/integrations/postgres/sql/scripts?database=appdb';
    const first = mock.call('GET', url).body.data.generatedPassword;
    expect(mock.call('GET', url).body.data.generatedPassword).not.toBe(first);
    expect(JSON.stringify(mock.call('GET', '/__mock/state', { key: null }).body)).not.toContain(first);
  });

  it.each([
    ['', 'database'],
    ['database=app-db', 'database'],
    ["database=appdb&tables=a;DROP TABLE x", 'tables'],
  ])('should refuse ?%s naming %s', (query, field) => {
    const reply = mock.call('GET', `/api/v1/integrations/postgres/sql/scripts?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe(field);
  });
});
