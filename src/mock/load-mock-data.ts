import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ToolError } from '../tool-errors.js';
import { createAjv } from '../validation/create-ajv.js';
import { toFieldErrors } from '../validation/field-errors.js';
import { MOCK_DATA_SCHEMA, type MockData } from './mock-data.js';

/** Reads a `--data` file (YAML or JSON), checks its shape and that every agent and key names a known org. */
export function loadMockData(path: string): MockData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ToolError('DATA_INVALID', `cannot read the data file ${path}`);
  }
  let data: unknown;
  try {
    data = parse(text); // YAML 1.2 is a superset of JSON
  } catch (error) {
    throw new ToolError('DATA_INVALID', `${path} is neither JSON nor YAML: ${(error as Error).message.split('\n')[0]!.replace(/:$/, '')}`);
  }
  const validate = createAjv().compile<MockData>(MOCK_DATA_SCHEMA);
  if (!validate(data)) {
    const [first] = toFieldErrors(validate.errors, '(file)');
    throw new ToolError('DATA_INVALID', `${path}: ${first?.field} ${first?.message}`);
  }
  const orgs = new Set(data.orgs.map((org) => org.id));
  const stray = [...data.agents, ...data.keys].find((entry) => !orgs.has(entry.org));
  if (stray) throw new ToolError('DATA_INVALID', `${path}: org "${stray.org}" is used but not listed in orgs`);
  for (const [what, ids] of [['org', data.orgs.map((o) => o.id)], ['agent', data.agents.map((a) => a.id)], ['key token', data.keys.map((k) => k.token)]] as const) {
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new ToolError('DATA_INVALID', `${path}: the ${what} "${twice}" is listed twice`);
  }
  return data;
}
