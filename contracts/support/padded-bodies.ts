import type { SuiteContext } from '../../src/contract/suite-context.js';
import type { SpecOperation } from '../../src/spec/operations.js';

const UNIT_BYTES: Readonly<Record<string, number>> = { b: 1, byte: 1, bytes: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
const SIZE = /(\d+(?:\.\d+)?)[\s-]*(GiB|MiB|KiB|bytes?|B)\b/i;

/**
 * The body limit in bytes that the operation's 413 answer states ("The body is over the 1 MiB limit"), read
 * from its description and then its examples' `detail`; undefined when it declares no 413 or states no size.
 * Read from the contract rather than fixed here, so that a contract given with --spec is held to its own
 * limit. Binary units and bytes only: "1 MB" could be either of two sizes.
 */
export function declaredBodyLimit(operation: SpecOperation): number | undefined {
  const answer = operation.responses['413'];
  if (!answer) return undefined;
  const examples = Object.values(answer.content ?? {}).flatMap((media) => Object.values((media as { examples?: Record<string, { value?: { detail?: unknown } }> }).examples ?? {}));
  for (const text of [answer.description, ...examples.map((example) => example?.value?.detail)]) {
    const match = typeof text === 'string' ? SIZE.exec(text) : null;
    if (match) return Math.round(Number(match[1]) * UNIT_BYTES[match[2]!.toLowerCase()]!);
  }
  return undefined;
}

/** One JSON body padded to one byte over a limit, and the same body at exactly the limit. */
export interface PaddedBodies {
  readonly overLimit: string;
  readonly atLimit: string;
}

// The pair for a JSON text is made once per test run, and the two bodies share one string (the one at the
// limit is a slice of the other): a suite that sends the same few texts holds a few strings and builds no
// 1 MiB string per run.
const made = new WeakMap<SuiteContext, Map<string, PaddedBodies>>();

/**
 * `json` after spaces, which JSON allows before a value ("insignificant whitespace", RFC 8259 §2), to `limit` + 1
 * bytes and to exactly `limit` bytes: the body a server must refuse as too large and one it must not, both as
 * valid as `json` itself, so that a server with no limit at all cannot refuse the larger one as invalid
 * instead. The padding comes first so that every parser reads all of it: a streaming decoder stops after the
 * value and would never reach padding that follows it.
 */
export function paddedBodies(context: SuiteContext, json: string, limit: number): PaddedBodies {
  const pairs = made.get(context) ?? new Map<string, PaddedBodies>();
  made.set(context, pairs);
  const known = pairs.get(json);
  if (known) return known;
  const size = Buffer.byteLength(json);
  if (size > limit) throw new Error(`a ${size}-byte body is already over the ${limit}-byte limit`);
  // Written into a buffer of spaces and decoded once: one flat string, not a chain of concatenations.
  const buffer = Buffer.alloc(limit + 1, ' ');
  buffer.write(json, limit + 1 - size, 'utf8');
  const overLimit = buffer.toString('utf8');
  // The first character is a one-byte space: dropping it leaves exactly `limit` bytes.
  const pair = { overLimit, atLimit: overLimit.slice(1) };
  pairs.set(json, pair);
  return pair;
}
