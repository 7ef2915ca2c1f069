import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultSpecPath } from '../spec/load-spec.js';

/** This package's version, from the package.json beside the packaged openapi.yaml. */
export function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(dirname(defaultSpecPath()), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
