import { credentialMembersOfText, parsedJson } from './redaction.js';
import type { SecretGrade } from './secret-memory.js';
import { PLAIN_CREDENTIAL_FIELDS } from '../traffic/har.js';

/**
 * Fields of a SQL connection descriptor that name a thing rather than unlock it: a request may name them again in its
 * URL (`sql/scripts?database=…`), so they are hidden in bodies and headers, not in URLs. Every other field (apiKey,
 * password, the further values of an api_key provider, "kept as secrets" by the contract) is a secret.
 */
const IDENTIFIERS = new Set(['host', 'database', 'user', 'ca_pem']);

export interface SubmittedValue {
  readonly value: string;
  readonly grade: SecretGrade;
}

/**
 * The credential values a request body carries (its top-level `credentials`), valid or not, each with its grade. A
 * body that is not JSON (cut at the cap, or sent with an encoding that could not be undone) is searched as text.
 */
export function submittedCredentials(body: Buffer | undefined): SubmittedValue[] {
  // Most bodies name no credentials: they are not parsed a second time.
  if (!body?.includes('credentials')) return [];
  const parsed = parsedJson(body);
  if (!parsed) return credentialMembersOfText(body.toString('utf8')).map(([field, value]) => ({ value, grade: gradeOf(field) }));
  const credentials = (parsed.value as { credentials?: unknown } | null)?.credentials;
  // Credentials of the wrong shape (one string) are hidden whole in a recording: the value is a secret too.
  if (typeof credentials === 'string' && credentials !== '') return [{ value: credentials, grade: 'secret' }];
  if (typeof credentials !== 'object' || credentials === null) return [];
  return Object.entries(credentials).flatMap(([field, value]) => {
    if (PLAIN_CREDENTIAL_FIELDS.has(field) || (typeof value !== 'string' && typeof value !== 'number') || value === '') return [];
    return [{ value: String(value), grade: gradeOf(field) }];
  });
}

const gradeOf = (field: string): SecretGrade => (IDENTIFIERS.has(field) ? 'identifier' : 'secret');
