import { ToolError } from '../tool-errors.js';
import type { MockData } from './mock-data.js';
import { checkAndCompile, summarizeErrors } from './state/compile-seed.js';
import { readDataFile } from './state/read-data-file.js';

/**
 * Reads a `--data` file (YAML or JSON) and checks all of it, connections and skills included, as the mock
 * will build it: the first problem is a DATA_INVALID naming the file and the field
 * (`connections.acme[1].kind`), so a bad file stops the mock before it starts.
 */
export function loadMockData(path: string): MockData {
  const { value } = readDataFile(path, 'data file')!;
  const compiled = checkAndCompile(value, '(file)');
  if (compiled.errors) throw new ToolError('DATA_INVALID', `${path}: ${summarizeErrors(compiled.errors)}`);
  return value as MockData;
}
