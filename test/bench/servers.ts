import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How to start one server under test, as a `node` child so its pid is the server's own process. */
export interface ServerDefinition {
  readonly name: string;
  /** Arguments after `node` for the given port. */
  readonly args: (port: number) => readonly string[];
  /** Base paths probed at start-up, in order; the first answering 2xx is the one loaded. */
  readonly basePaths: readonly string[];
}

// Compiled to dist/test/bench/, so the repository root is three levels up.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SPEC = `${ROOT}openapi.yaml`;

function prismEntry(): string {
  // The .bin entry is a symlink; node itself must be the child so /proc/<pid> is Prism's server.
  return realpathSync(`${ROOT}node_modules/.bin/prism`);
}

/** The mock under test, Prism's mock of the same contract, and a bare node:http baseline, in run order. */
export const SERVERS: readonly ServerDefinition[] = [
  {
    name: 'mock',
    args: (port) => [`${ROOT}dist/src/bin.js`, 'mock', '--port', String(port), '--quiet'],
    basePaths: ['/api/v1'],
  },
  {
    name: 'prism',
    // Without -m Prism serves from the CLI process; fatal-only logging keeps per-request logs out of the figures.
    args: (port) => [prismEntry(), 'mock', SPEC, '--port', String(port), '--host', '127.0.0.1', '--errors=false', '--verboseLevel', 'fatal'],
    // Prism ignores `servers` and serves the spec paths at the root; both are tried so a change shows.
    basePaths: ['/api/v1', ''],
  },
  {
    name: 'bare',
    args: (port) => [fileURLToPath(new URL('./bare-server.js', import.meta.url)), String(port)],
    basePaths: ['/api/v1'],
  },
];
