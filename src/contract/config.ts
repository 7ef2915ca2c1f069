import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ToolError } from '../tool-errors.js';
import { createAjv } from '../validation/create-ajv.js';
import { toFieldErrors } from '../validation/field-errors.js';
import { redactUrl } from './redact-url.js';

/** A key the suites may use: `org` is a label (same label, same organization), `scopes` what it holds. */
export interface ConfiguredKey {
  readonly name: string;
  readonly token: string;
  readonly org: string;
  readonly scopes: readonly string[];
}

export interface TestConfig {
  /** The base URL including the API base path, e.g. `http://127.0.0.1:4010/api/v1`, without a trailing slash. */
  readonly target: string;
  readonly keys: readonly ConfiguredKey[];
  /** Organization label → an agent of that organization. */
  readonly agents: Readonly<Record<string, string>>;
}

const CONFIG_SCHEMA = {
  type: 'object',
  required: ['keys'],
  additionalProperties: false,
  properties: {
    target: { type: 'string', minLength: 1 },
    keys: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['name', 'token', 'org', 'scopes'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          token: { type: 'string', minLength: 1 },
          org: { type: 'string', minLength: 1 },
          scopes: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    agents: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
  },
} as const;

/**
 * Reads a test config (JSON or YAML). A token written `env:VAR` is read from the environment, so secrets stay
 * out of the file; `targetOverride` (the `--target` flag) wins over the file's `target`.
 */
export function loadTestConfig(path: string, env: Readonly<Record<string, string | undefined>>, targetOverride?: string): TestConfig {
  let raw: unknown;
  try {
    // No warnings: yaml prints them with the offending line, which may hold a token or a URL's password.
    raw = parse(readFileSync(path, 'utf8'), { logLevel: 'error' });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message.split('\n')[0];
    throw new ToolError('CONFIG_INVALID', `${path}: ${reason}`);
  }
  return parseTestConfig(raw, path, env, targetOverride);
}

export function parseTestConfig(raw: unknown, source: string, env: Readonly<Record<string, string | undefined>>, targetOverride?: string): TestConfig {
  const validate = createAjv().compile(CONFIG_SCHEMA);
  if (!validate(raw)) {
    const [first] = toFieldErrors(validate.errors, '(config)');
    throw new ToolError('CONFIG_INVALID', `${source}: ${first?.field} ${first?.message}`);
  }
  const config = raw as { target?: string; keys: ConfiguredKey[]; agents?: Record<string, string> };
  const target = targetOverride ?? config.target;
  if (!target) throw new ToolError('CONFIG_INVALID', `${source}: no target: set "target" or pass --target URL`);
  checkTarget(target, targetOverride === undefined ? source : '--target');
  const names = new Set<string>();
  const keys = config.keys.map((key) => {
    if (names.has(key.name)) throw new ToolError('CONFIG_INVALID', `${source}: two keys are named "${key.name}"`);
    names.add(key.name);
    return { ...key, token: resolveSecret(key.token, key.name, env) };
  });
  return { target: target.replace(/\/+$/, ''), keys, agents: config.agents ?? {} };
}

/** Refuses a target the suites cannot use; a message quotes it only with any user info redacted. */
function checkTarget(target: string, from: string): void {
  // JSON quoting keeps a message with a control character in the target on one line
  const quoted = JSON.stringify(redactUrl(target));
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ToolError('CONFIG_INVALID', `${from}: the target ${quoted} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ToolError('CONFIG_INVALID', `${from}: the target ${quoted} is not http(s)`);
  // It would end up in every report, replay command and curl line; and the suites authenticate with keys only.
  if (url.username !== '' || url.password !== '') {
    throw new ToolError('CONFIG_INVALID', `${from}: the target ${quoted} must not carry user info (user:password@): put credentials in the config's keys`);
  }
}

function resolveSecret(token: string, name: string, env: Readonly<Record<string, string | undefined>>): string {
  if (!token.startsWith('env:')) return token;
  const variable = token.slice(4);
  const value = env[variable];
  if (!value) throw new ToolError('CONFIG_INVALID', `key "${name}" reads its token from $${variable}, which is not set`);
  return value;
}
