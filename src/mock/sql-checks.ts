import { refusedHostReason } from './host-policy.js';

export interface SqlCheck {
  name: string;
  status: 'passed' | 'failed' | 'warning' | 'skipped';
  message: string;
  durationMs: number;
}

export interface SqlDescriptor {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  sslmode: 'require' | 'verify-ca' | 'verify-full';
  ca_pem?: string;
}

const CHECK_NAMES = ['reachability', 'tls', 'authentication', 'schema_read', 'read_probe', 'read_only_session', 'latency'] as const;
type CheckName = (typeof CHECK_NAMES)[number];

// Users that are usually superusers or admins: the read-only-session proof would fail for them.
const ADMIN_USERS = /^(postgres|root|admin|sa|rdsadmin)$/i;

/**
 * The simulated connection test. Nothing is contacted; the outcome is deterministic, so a UI can show
 * each state: a refused host, an unreachable one (any `*.invalid` host), a wrong password (`wrong-password`),
 * an admin user (not a read-only session), `sslmode: require` (TLS not verified) and success.
 */
export function simulateSqlTest(descriptor: SqlDescriptor): { ok: boolean; checks: SqlCheck[] } {
  const outcome: Partial<Record<CheckName, [SqlCheck['status'], string]>> = {};
  const refused = refusedHostReason(descriptor.host);
  // Messages name no credential value (host and user included): a test's answer is a response like any other.
  if (refused) outcome.reachability = ['failed', `refused without connecting: ${refused}`];
  else if (/\.invalid\.?$/i.test(descriptor.host)) outcome.reachability = ['failed', 'the host could not be resolved'];
  if (descriptor.sslmode === 'require') outcome.tls = ['warning', 'TLS is on but the server certificate is not verified; prefer verify-full'];
  if (descriptor.password === 'wrong-password') outcome.authentication = ['failed', 'password authentication failed for this user'];
  if (ADMIN_USERS.test(descriptor.user)) outcome.read_only_session = ['failed', 'this user can write: connect a read-only role (see sql/scripts)'];

  let failed = false;
  const checks = CHECK_NAMES.map((name, index): SqlCheck => {
    if (failed) return { name, status: 'skipped', message: 'skipped after an earlier failure', durationMs: 0 };
    const [status, message] = outcome[name] ?? ['passed', PASSED[name]];
    failed = status === 'failed';
    return { name, status, message, durationMs: status === 'failed' && index === 0 ? 0 : 4 + index * 3 };
  });
  return { ok: !failed, checks };
}

const PASSED: Record<CheckName, string> = {
  reachability: 'host reachable',
  tls: 'TLS verified',
  authentication: 'authenticated',
  schema_read: 'schema readable',
  read_probe: 'read probe answered in 12 ms',
  read_only_session: 'session is read-only',
  latency: 'fast enough for live calls',
};
