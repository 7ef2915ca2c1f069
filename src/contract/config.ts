import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv';
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
  /** How OAuth kinds get connected in the test organizations; parseTestConfig always fills it. */
  readonly oauth?: OAuthConfig;
  /** How `replay --har` maps a recording's keys to these; only when the file has a `replay` section. */
  readonly replay?: ReplayConfig;
}

export interface ReplayConfig {
  /**
   * A recorded key's fingerprint (the first 12 hex of its SHA-256, as `proxy --record` writes it) → the name of
   * the key above to send in its place: a staging key onto a mock key. A recorded key with the same token as a key
   * above needs no entry.
   */
  readonly keys: Readonly<Record<string, string>>;
}

export interface OAuthConfig {
  /** Organization label → OAuth kinds already connected there: the suites use them and never connect or disconnect them. */
  readonly connected: Readonly<Record<string, readonly string[]>>;
  /** How the runner approves an authorization it started; undefined: only the mock's consent page. */
  readonly approve?: ApprovalStep;
}

/**
 * One way to approve an authorization the suites started, given its `oauthUrl` (run by `runApproval`): an HTTP
 * request (a staging server's test approval route) or a command (a team's own browser script). Header values and
 * command arguments are resolved from `env:VAR` already; `{oauthUrl}`, `{kind}` and `{org}` are still in place.
 */
export type ApprovalStep =
  | { readonly request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string }; readonly timeoutMs: number }
  | { readonly command: readonly string[]; readonly timeoutMs: number };

export const DEFAULT_APPROVAL_TIMEOUT_MS = 30_000;

// An HTTP token (RFC 9110): what a method or a header name may be made of.
const HTTP_TOKEN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

const OAUTH_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    connected: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } } },
    approve: {
      type: 'object',
      additionalProperties: false,
      // "exactly one of request and command" is checked in code: ajv's oneOf names no field when both are there
      properties: {
        request: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: {
            method: { type: 'string', pattern: HTTP_TOKEN },
            url: { type: 'string', minLength: 1 },
            headers: { type: 'object', additionalProperties: { type: 'string' } },
            body: { type: 'string' },
          },
        },
        command: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        timeoutMs: { type: 'integer', minimum: 1 },
      },
    },
  },
} as const;

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
    oauth: OAUTH_SCHEMA,
    replay: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // Its entries are checked in code: ajv would quote a name that is not a fingerprint, perhaps a key pasted there.
        keys: { type: 'object' },
      },
    },
  },
} as const;

type RawOAuth = {
  connected?: Record<string, string[]>;
  approve?: { request?: { method?: string; url: string; headers?: Record<string, string>; body?: string }; command?: string[]; timeoutMs?: number };
};

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads a test config (JSON or YAML). A token (or an approval step's header value or command argument) written
 * `env:VAR` is read from the environment, so secrets stay out of the file; `targetOverride` (the `--target` flag)
 * wins over the file's `target`.
 */
export function loadTestConfig(path: string, env: Env, targetOverride?: string): TestConfig {
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

/** Compiled on first use, once per process: compiling costs milliseconds, validating microseconds. */
let configValidator: ValidateFunction | undefined;

export function parseTestConfig(raw: unknown, source: string, env: Env, targetOverride?: string): TestConfig {
  const validate = (configValidator ??= createAjv().compile(CONFIG_SCHEMA));
  if (!validate(raw)) {
    const [first] = toFieldErrors(validate.errors, '(config)');
    throw new ToolError('CONFIG_INVALID', `${source}: ${first?.field} ${first?.message}`);
  }
  const config = raw as { target?: string; keys: ConfiguredKey[]; agents?: Record<string, string>; oauth?: RawOAuth; replay?: { keys?: Record<string, unknown> } };
  const target = targetOverride ?? config.target;
  if (!target) throw new ToolError('CONFIG_INVALID', `${source}: no target: set "target" or pass --target URL`);
  checkHttpUrl(target, `${targetOverride === undefined ? source : '--target'}: the target`, "put credentials in the config's keys");
  const names = new Set<string>();
  const keys = config.keys.map((key) => {
    if (names.has(key.name)) throw new ToolError('CONFIG_INVALID', `${source}: two keys are named "${key.name}"`);
    names.add(key.name);
    return { ...key, token: resolveSecret(key.token, `key "${key.name}" reads its token`, env) };
  });
  const oauth = parseOAuth(config.oauth ?? {}, new Set(keys.map((key) => key.org)), source, env);
  const replay = config.replay === undefined ? {} : { replay: parseReplay(config.replay, names, source) };
  return { target: target.replace(/\/+$/, ''), keys, agents: config.agents ?? {}, oauth, ...replay };
}

function parseReplay(raw: { keys?: Record<string, unknown> }, keyNames: ReadonlySet<string>, source: string): ReplayConfig {
  const keys: Record<string, string> = {};
  for (const [index, [fingerprint, name]] of Object.entries(raw.keys ?? {}).entries()) {
    // Neither side is quoted: a key pasted in place of a fingerprint or of a name must not reach the terminal.
    if (!/^[0-9a-f]{12}$/.test(fingerprint)) {
      throw new ToolError('CONFIG_INVALID', `${source}: replay.keys entry ${index + 1} is not named by a key fingerprint (12 lower-case hex digits, as proxy --record writes after flowyte-redacted:)`);
    }
    if (typeof name !== 'string' || !keyNames.has(name)) throw new ToolError('CONFIG_INVALID', `${source}: replay.keys.${fingerprint} must be the name of one of the config's keys`);
    keys[fingerprint] = name;
  }
  return { keys };
}

function parseOAuth(raw: RawOAuth, orgs: ReadonlySet<string>, source: string, env: Env): OAuthConfig {
  for (const org of Object.keys(raw.connected ?? {})) {
    // A kind "connected" in an organization no key reaches could never be used, and is most likely a typo.
    if (!orgs.has(org)) throw new ToolError('CONFIG_INVALID', `${source}: oauth.connected names ${JSON.stringify(org)}, an organization no key has`);
  }
  const connected = raw.connected ?? {};
  return raw.approve === undefined ? { connected } : { connected, approve: parseApprovalStep(raw.approve, source, env) };
}

function parseApprovalStep(raw: NonNullable<RawOAuth['approve']>, source: string, env: Env): ApprovalStep {
  const timeoutMs = raw.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS;
  const { request, command } = raw;
  if (request !== undefined && command === undefined) return { request: parseApprovalRequest(request, source, env), timeoutMs };
  if (command !== undefined && request === undefined) {
    return { command: command.map((argument, index) => resolveSecret(argument, `${source}: oauth.approve.command[${index}] reads its value`, env)), timeoutMs };
  }
  throw new ToolError('CONFIG_INVALID', `${source}: oauth.approve must have exactly one of request and command`);
}

function parseApprovalRequest(raw: NonNullable<NonNullable<RawOAuth['approve']>['request']>, source: string, env: Env) {
  const method = (raw.method ?? 'POST').toUpperCase();
  // The url may hold a token in its query: a message never quotes it.
  checkHttpUrl(raw.url, `${source}: oauth.approve.request.url`, 'send credentials in headers, as env:VAR', false);
  if (raw.body !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw new ToolError('CONFIG_INVALID', `${source}: oauth.approve.request.body cannot go with method ${method}`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw.headers ?? {})) {
    if (!new RegExp(HTTP_TOKEN).test(name)) throw new ToolError('CONFIG_INVALID', `${source}: oauth.approve.request.headers: ${JSON.stringify(name)} is not a header name`);
    headers[name] = resolveSecret(value, `${source}: oauth.approve.request.headers.${name} reads its value`, env);
  }
  return { method, url: raw.url, headers, ...(raw.body === undefined ? {} : { body: raw.body }) };
}

/**
 * Refuses a URL that is not http(s) or carries user info. `subject` starts the message; the URL is quoted (with
 * any user info redacted) only when `quote` says it holds nothing else that may be secret.
 */
function checkHttpUrl(text: string, subject: string, credentialsHint: string, quote = true): void {
  // JSON quoting keeps a message with a control character in the URL on one line
  const quoted = quote ? ` ${JSON.stringify(redactUrl(text))}` : '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ToolError('CONFIG_INVALID', `${subject}${quoted} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ToolError('CONFIG_INVALID', `${subject}${quoted} is not http(s)`);
  // A target's would end up in every report, replay command and curl line; fetch refuses to send one at all.
  if (url.username !== '' || url.password !== '') {
    throw new ToolError('CONFIG_INVALID', `${subject}${quoted} must not carry user info (user:password@): ${credentialsHint}`);
  }
}

/** `env:VAR` → the variable's value; `owner` ("key "x" reads its token") says whose, in the error when it is unset. */
function resolveSecret(value: string, owner: string, env: Env): string {
  if (!value.startsWith('env:')) return value;
  const variable = value.slice(4);
  const resolved = env[variable];
  if (!resolved) throw new ToolError('CONFIG_INVALID', `${owner} from $${variable}, which is not set`);
  return resolved;
}
