import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createMockCore } from '../mock/core.js';
import { createMockServer } from '../mock/http-adapter.js';
import { loadMockData } from '../mock/load-mock-data.js';
import { BUILT_IN_DATA, testConfigOf } from '../mock/mock-data.js';
import { stringify } from 'yaml';
import { defaultSpecPath, loadSpec } from '../spec/load-spec.js';
import { ToolError } from '../tool-errors.js';
import type { Command } from './io.js';
import { parseFlags } from './parse-flags.js';

const HELP = `usage: flowyte-contract mock [options]

Serves a stateful mock of the Flowyte Integrations API, driven by openapi.yaml.

options:
  --port N        port to listen on (default 4010; 0 picks a free one)
  --host ADDR     address to listen on (default 127.0.0.1)
  --spec FILE     the OpenAPI file (default: the packaged openapi.yaml)
  --data FILE     orgs, agents and keys to start with, JSON or YAML (default: the built-in set)
  --no-cors       do not answer CORS preflights or add Access-Control-* headers
  --quiet         do not log each request
  --print-config  print a \`flowyte-contract test\` config for this mock's keys and agents, and exit
  -h, --help      show this help
`;

export const mockCommand: Command = async (args, io) => {
  const { values } = parseFlags(args, {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    spec: { type: 'string' },
    data: { type: 'string' },
    'no-cors': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'print-config': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new ToolError('USAGE', `--port must be a port number, not "${values.port}"`);

  const data = values.data ? loadMockData(values.data) : undefined;
  if (values['print-config']) {
    const config = testConfigOf(data ?? BUILT_IN_DATA, `http://${hostForUrl(values.host)}:${port}/api/v1`);
    io.stdout(`# flowyte-contract test config for the mock's data\n${stringify(config, { aliasDuplicateObjects: false })}`);
    return 0;
  }
  const document = await loadSpec(values.spec ?? defaultSpecPath());
  let origin = `http://${hostForUrl(values.host)}:${port}`;
  const core = createMockCore({ document, data, cors: !values['no-cors'], fallbackOrigin: () => origin });
  const log = values.quiet
    ? undefined
    : (served: { method: string; path: string; status: number; durationMs: number }) =>
        io.stdout(`${served.method} ${served.path} ${served.status} ${served.durationMs.toFixed(1)}ms\n`);
  const server = createMockServer(core, log);

  try {
    server.listen(port, values.host);
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ToolError('PORT_IN_USE', `port ${port} on ${values.host} is already in use`);
    throw new ToolError('LISTEN_FAILED', `cannot listen on ${values.host}:${port} (${code ?? (error as Error).message})`);
  }
  const { port: actualPort } = server.address() as AddressInfo;
  origin = `http://${hostForUrl(values.host)}:${actualPort}`;
  io.stdout(banner(origin, core.basePath, [...core.store.keys.values()]));

  await io.stopSignal;
  server.closeAllConnections();
  server.close();
  return 0;
};

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

function banner(origin: string, basePath: string, keys: Array<{ token: string; scopes: ReadonlySet<string> }>): string {
  const width = Math.max(...keys.map((key) => key.token.length));
  return [
    `flowyte-contract mock listening on ${origin}${basePath}`,
    `  mock control: GET ${origin}/__mock/state, POST ${origin}/__mock/reset`,
    '  keys (Authorization: Bearer <key>):',
    ...keys.map((key) => `    ${key.token.padEnd(width)}  ${[...key.scopes].join(' ')}`),
    '',
  ].join('\n');
}
