/**
 * The values a member holds at the same place in a recorded answer and in the target's answer to the same request:
 * how a replay learns the target's names for what the recording named otherwise (a page's `nextCursor`, an
 * `agentId`). Both strings, or the place is left out.
 */
export function* pairedMembers(recorded: unknown, replayed: unknown, name: string, depth = 0): Generator<[recorded: string, replayed: string]> {
  if (depth > MAX_DEPTH || typeof recorded !== 'object' || recorded === null || typeof replayed !== 'object' || replayed === null) return;
  if (Array.isArray(recorded)) {
    if (Array.isArray(replayed)) for (const [index, item] of recorded.entries()) yield* pairedMembers(item, replayed[index], name, depth + 1);
    return;
  }
  for (const [member, value] of Object.entries(recorded)) {
    const other = (replayed as Record<string, unknown>)[member];
    if (member === name && typeof value === 'string' && typeof other === 'string') yield [value, other];
    else yield* pairedMembers(value, other, name, depth + 1);
  }
}

/** Answers carry these near the top (`nextCursor` beside `data`, `data[].agentId`, `data.skills[].agentId`): no need to search deep bodies. */
const MAX_DEPTH = 4;
