/**
 * Text that looks like JSON but no longer parses (cut at a recorder's cap, edited by hand) read member by member:
 * the value of every member `secret` names is replaced by `replacement` (a value cut short, to the end of the text).
 * `secret` is told whether the member lies in a `credentials` object, whose every field is a credential but those it
 * exempts. Returns the redacted text; `left`, the text without the redacted members and the `credentials` openings,
 * for the caller to tell whether anything sensitive remains; and `values`, the values replaced.
 */
export function redactMembers(
  text: string,
  secret: (name: string, inCredentials: boolean) => boolean,
  replacement: string,
): { readonly text: string; readonly left: string; readonly values: string[] } {
  const parts: string[] = [];
  const leftParts: string[] = [];
  const values: string[] = [];
  let copied = 0;
  // One entry per open object: whether it is a `credentials` object.
  const objects: boolean[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '{') objects.push(false);
    else if (c === '}') objects.pop();
    if (c !== '"') {
      i++;
      continue;
    }
    const end = stringEnd(text, i);
    MEMBER_COLON.lastIndex = end;
    if (!MEMBER_COLON.test(text)) {
      i = end;
      continue;
    }
    const name = stringContent(text.slice(i, end));
    const valueStart = MEMBER_COLON.lastIndex;
    const inCredentials = objects.at(-1) === true;
    if (name === 'credentials' && !inCredentials && text[valueStart] === '{') {
      objects.push(true);
      leftParts.push(text.slice(copied, i));
      parts.push(text.slice(copied, valueStart + 1));
      copied = i = valueStart + 1;
      continue;
    }
    if (secret(name, inCredentials)) {
      const valueEnd = valueEndAt(text, valueStart);
      const value = text.slice(valueStart, valueEnd);
      values.push(value.startsWith('"') ? stringContent(value) : value);
      parts.push(text.slice(copied, valueStart), replacement);
      leftParts.push(text.slice(copied, i));
      copied = i = valueEnd;
      continue;
    }
    i = valueStart;
  }
  parts.push(text.slice(copied));
  leftParts.push(text.slice(copied));
  return { text: parts.join(''), left: leftParts.join(''), values };
}

const MEMBER_COLON = /\s*:\s*/y;
const LITERAL = /[^,}\]\s]*/y;

/** The index after the string that opens at `start`, or the text's end when it is cut. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** The index after the value that starts at `start`: a string, an object or array (to its bracket), a literal. */
function valueEndAt(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = stringEnd(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
    }
    return text.length;
  }
  LITERAL.lastIndex = start;
  LITERAL.test(text);
  return LITERAL.lastIndex;
}

/** A string token's content, its escapes read; a string cut short is taken as far as it goes. */
function stringContent(token: string): string {
  if (token.length > 1 && token.endsWith('"')) {
    try {
      const whole: unknown = JSON.parse(token);
      if (typeof whole === 'string') return whole;
    } catch {
      // an escape cut in half: read as far as it goes
    }
  }
  return token.slice(1).replace(/"$/, '');
}
