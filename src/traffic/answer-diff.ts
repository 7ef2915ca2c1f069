import { diffShapes, displayPath, shapeOf, type ShapeDifference } from './shape-diff.js';

/** An answer as far as fidelity looks at it: its status, media type and body. */
export interface ComparedAnswer {
  readonly status: number;
  /** The `content-type` header as sent, parameters included; undefined when there was none (or none recorded). */
  readonly contentType?: string;
  /** The body as text; undefined when it was not recorded or not read whole (over the size cap). */
  readonly text?: string;
}

/** What a body is, before its shape: nothing, JSON, or something else. */
export type BodyForm = 'empty' | 'json' | 'not JSON';

/** One way a replayed answer differs from the recorded one. Values never count: only status, media type and shape. */
export type AnswerDifference =
  | { readonly kind: 'status'; readonly recorded: number; readonly replayed: number }
  | { readonly kind: 'media_type'; readonly recorded: string; readonly replayed: string }
  | { readonly kind: 'body'; readonly recorded: BodyForm; readonly replayed: BodyForm }
  | ShapeDifference
  | { readonly kind: 'no_answer'; readonly reason: string };

/**
 * Where the replayed answer differs from the recorded one. A different status is the whole story (a 404's problem
 * and a 200's envelope are bound to differ in shape), so the bodies are compared only when the statuses agree.
 */
export function diffAnswers(recorded: ComparedAnswer, replayed: ComparedAnswer): AnswerDifference[] {
  if (recorded.status !== replayed.status) return [{ kind: 'status', recorded: recorded.status, replayed: replayed.status }];
  const differences: AnswerDifference[] = [];
  const recordedType = mediaTypeOf(recorded.contentType);
  const replayedType = mediaTypeOf(replayed.contentType);
  if (recordedType && replayedType && recordedType !== replayedType) differences.push({ kind: 'media_type', recorded: recordedType, replayed: replayedType });
  if (recorded.text === undefined || replayed.text === undefined) return differences;
  const before = readBody(recorded.text);
  const after = readBody(replayed.text);
  if (before.form !== after.form) differences.push({ kind: 'body', recorded: before.form, replayed: after.form });
  else if (before.form === 'json') differences.push(...diffShapes(shapeOf(before.json), shapeOf(after.json)));
  return differences;
}

/**
 * One line for a difference: `status 404 recorded, 200 replayed`, `data.items[].nextCursor: string recorded, null
 * replayed`. `quote` marks what came from the answers (paths, media types, a network error), such as a Markdown
 * writer's code spans.
 */
export function describeDifference(difference: AnswerDifference, quote: (text: string) => string = (text) => text): string {
  switch (difference.kind) {
    case 'status':
      return `status ${difference.recorded} recorded, ${difference.replayed} replayed`;
    case 'media_type':
      return `content type ${quote(difference.recorded)} recorded, ${quote(difference.replayed)} replayed`;
    case 'body':
      return `body ${difference.recorded} recorded, ${difference.replayed} replayed`;
    case 'type':
      return `${quote(displayPath(difference.path))}: ${difference.recorded.join(' or ')} recorded, ${difference.replayed.join(' or ')} replayed`;
    case 'member':
      return `member ${quote(displayPath(difference.path))} only in the ${difference.only === 'recorded' ? 'recording' : 'replay'}`;
    case 'no_answer':
      return `no answer: ${quote(difference.reason)}`;
  }
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type || undefined;
}

function readBody(text: string): { form: BodyForm; json?: unknown } {
  if (text.trim() === '') return { form: 'empty' };
  try {
    return { form: 'json', json: JSON.parse(text) };
  } catch {
    return { form: 'not JSON' };
  }
}
