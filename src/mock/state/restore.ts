import type { FieldError } from '../../validation/field-errors.js';
import { redactToken } from '../control/redacted-state.js';
import type { Store } from '../store.js';
import { checkAndCompile } from './compile-seed.js';

/**
 * Replaces the store's whole state with a snapshot: `GET /__mock/state`'s answer (its envelope or its
 * `data`), a `--state` file, or any data file. It is checked like a data file; a key whose token is redacted
 * keeps the token of the current key of its name (which must end the same way), since no snapshot the mock
 * writes holds a token. Returns every problem, each naming its field (`root` names the whole value); when
 * there is one, nothing changed.
 */
export function restoreState(store: Store, snapshot: unknown, root: string): FieldError[] {
  const enveloped = typeof snapshot === 'object' && snapshot !== null && Object.hasOwn(snapshot, 'success');
  const data: unknown = enveloped ? (snapshot as { data?: unknown }).data : snapshot;
  // Inside the envelope, fields are named from it: `data.connections.acme[0].kind`.
  const at = (errors: FieldError[]) =>
    enveloped ? errors.map((error) => ({ ...error, field: error.field === root ? 'data' : `data.${error.field}` })) : errors;
  const compiled = checkAndCompile(data, root, { resolveToken: (name, redacted) => currentToken(store, name, redacted) });
  if (compiled.errors) return at(compiled.errors);
  store.load(compiled.seed);
  return [];
}

function currentToken(store: Store, name: string, redacted: string): string | undefined {
  for (const key of store.keys.values()) if (key.name === name && redactToken(key.token) === redacted) return key.token;
  return undefined;
}
