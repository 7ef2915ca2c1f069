import type { ErrorObject } from 'ajv';

/** One entry of a problem's `errors[]`: the request field and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Turns ajv errors into `{field, message}` pairs that name the request field the way a client writes it:
 * `credentials.port`, `inputs[0].argument`, `limit`. `root` names the value validated (a body is `body`
 * when the problem is the whole value; a parameter group has no root of its own).
 */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined, root = 'body'): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors ?? []) {
    // anyOf/oneOf summaries repeat what their branches said
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
    const extra = extraSegment(error);
    if (extra !== undefined) segments.push(extra);
    const field = segments.length ? joinSegments(segments) : root;
    const message = messageOf(error);
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ field, message });
  }
  return result;
}

function extraSegment(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return String(params.missingProperty);
  if (error.keyword === 'additionalProperties') return String(params.additionalProperty);
  return undefined;
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'type':
      return `must be ${String(params.type).replace(',', ' or ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function joinSegments(segments: readonly string[]): string {
  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
    return path ? `${path}.${segment}` : segment;
  }, '');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
