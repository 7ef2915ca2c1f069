import type { ErrorObject } from 'ajv';
import { createAjv } from '../validation/create-ajv.js';

/**
 * What `check --har` reads of a HAR 1.2 file, as the file may hold it. Strict on the type of every field it reads,
 * lenient on what it does not need: browsers and Playwright leave out or add fields HAR 1.2 calls required
 * (Chrome writes no `content.text` for some entries, Firefox an empty `httpVersion`), and readers ignore the rest.
 */
export interface ReadHar {
  readonly log: { readonly entries: readonly ReadHarEntry[] };
}

export interface ReadHarEntry {
  readonly request: {
    readonly method: string;
    /** Absolute URL. */
    readonly url: string;
    readonly headers?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
    readonly bodySize?: number;
    readonly postData?: { readonly text?: string; readonly encoding?: string };
  };
  readonly response: {
    /** 0 (browsers) or -1 (Playwright) when no answer came: blocked, cancelled, refused. */
    readonly status: number;
    readonly headers?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
    readonly content?: { readonly size?: number; readonly text?: string; readonly encoding?: string };
  };
  /** In a recording of the proxy: its verdict on what the redacted recording no longer shows (see har.ts). */
  readonly _flowyteViolations?: ReadonlyArray<{ readonly check: string; readonly message: string; readonly severity?: string }>;
}

const HEADERS = {
  type: 'array',
  items: { type: 'object', required: ['name', 'value'], properties: { name: { type: 'string' }, value: { type: 'string' } } },
} as const;

const BODY_TEXT = { type: 'object', properties: { text: { type: 'string' }, encoding: { type: 'string' } } } as const;

const HAR_SCHEMA = {
  type: 'object',
  required: ['log'],
  properties: {
    log: {
      type: 'object',
      required: ['entries'],
      properties: {
        entries: {
          type: 'array',
          items: {
            type: 'object',
            required: ['request', 'response'],
            properties: {
              _flowyteViolations: { type: 'array', items: { type: 'object', required: ['check', 'message'], properties: { check: { type: 'string' }, message: { type: 'string' }, severity: { type: 'string' } } } },
              request: {
                type: 'object',
                required: ['method', 'url'],
                properties: { method: { type: 'string', minLength: 1 }, url: { type: 'string' }, headers: HEADERS, bodySize: { type: 'number' }, postData: BODY_TEXT },
              },
              response: {
                type: 'object',
                required: ['status'],
                properties: { status: { type: 'integer' }, headers: HEADERS, content: { ...BODY_TEXT, properties: { ...BODY_TEXT.properties, size: { type: 'number' } } } },
              },
            },
          },
        },
      },
    },
  },
} as const;

// Compiled on first use: `check` is the only command that needs it.
let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** Undefined when `data` has the shape `check --har` reads; else the first problem, as `entries[12].response.status: must be integer`. */
export function harShapeProblem(data: unknown): string | undefined {
  validate ??= createAjv().compile(HAR_SCHEMA);
  if (validate(data)) return undefined;
  const [first] = validate.errors ?? [];
  return first ? describeError(first) : 'not a HAR';
}

/** `/log/entries/12/response/status` → `entries[12].response.status`: the entry named as a reader finds it. */
function describeError(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path = segments
    .map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : `${i === 0 ? '' : '.'}${segment}`))
    .join('')
    .replace(/^log\.entries\[/, 'entries[');
  return `${path || 'the top level'}: ${error.message ?? 'is not valid'}`;
}
