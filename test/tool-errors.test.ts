import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOOL_ERRORS } from '../src/tool-errors.js';

describe('the tool error catalogue', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it.each(Object.entries(TOOL_ERRORS))('should document %s in the README with its exit code', (code, { exitCode }) => {
    expect(readme).toMatch(new RegExp(`\\| \`${code}\` \\| ${exitCode} \\|`));
  });
});
