import { parseDelayFlag, parseFaultRateFlag, parseSeedFlag } from '../mock/conditions/condition-options.js';
import { ToolError } from '../tool-errors.js';
import type { Command } from './io.js';
import { hostForUrl, startMockServer } from './mock-server.js';
import { parseFlags } from './parse-flags.js';

const HELP = `usage: flowyte-contract mock [options]

Serves a stateful mock of the Flowyte Integrations API, driven by openapi.yaml.

options:
  --port N              port to listen on (default 4010; 0 picks a free one)
  --host ADDR           address to listen on (default 127.0.0.1)
  --spec FILE           the OpenAPI file (default: the packaged openapi.yaml)
  --data FILE           orgs, agents, keys, connections and skills to start with, JSON or YAML
                        (default: the built-in set; see scenarios/ for ready ones)
  --state FILE          load the state from FILE when it exists, and save every change to it
  --watch               reload the spec and the data file when they change, keeping the state
  --delay MS|MIN-MAX    hold every API answer that long (a range: drawn per request)
  --faults RATE         answer that share (0 to 1) of API requests with a 429 or a dropped connection
  --seed N              make --faults and a --delay range repeatable
  --oauth-return URL    where the consent page sends the browser back when the app names no redirect_uri
  --allow-origin ORIGIN a page origin that may use the /__mock/* control routes (repeatable; * for any)
  --allowed-host NAME   a Host name to answer besides localhost and IP addresses (repeatable)
  --no-cors             do not answer CORS preflights or add Access-Control-* headers
  --quiet               do not log each request
  --verbose             log CORS preflights too
  --print-config        print a \`flowyte-contract test\` config for this mock's keys and agents, and exit
  -h, --help            show this help
`;

export const mockCommand: Command = async (args, io) => {
  const { values } = parseFlags(args, {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    spec: { type: 'string' },
    data: { type: 'string' },
    state: { type: 'string' },
    watch: { type: 'boolean', default: false },
    delay: { type: 'string' },
    faults: { type: 'string' },
    seed: { type: 'string' },
    'oauth-return': { type: 'string' },
    'allow-origin': { type: 'string', multiple: true },
    'allowed-host': { type: 'string', multiple: true },
    'no-cors': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    'print-config': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new ToolError('USAGE', `--port must be a port number, not "${values.port}"`);
  if (values.watch && !values.spec && !values.data) throw new ToolError('USAGE', '--watch needs --spec FILE or --data FILE to watch');

  // The data loader (and its YAML parser) only when a file is named: the default start stays fast.
  const { loadMockData } = values.data || values['print-config'] ? await import('../mock/load-mock-data.js') : { loadMockData: undefined };
  if (values['print-config']) {
    const [{ BUILT_IN_DATA, testConfigOf }, { stringify }] = await Promise.all([import('../mock/mock-data.js'), import('yaml')]);
    const config = testConfigOf(values.data ? loadMockData!(values.data) : BUILT_IN_DATA, `http://${hostForUrl(values.host)}:${port}/api/v1`);
    io.stdout(`# flowyte-contract test config for the mock's data\n${stringify(config, { aliasDuplicateObjects: false })}`);
    return 0;
  }
  const mock = await startMockServer({
    port,
    host: values.host,
    specPath: values.spec,
    dataPath: values.data,
    loadData: loadMockData,
    statePath: values.state,
    cors: !values['no-cors'],
    delay: values.delay === undefined ? undefined : parseDelayFlag(values.delay),
    faultRate: values.faults === undefined ? undefined : parseFaultRateFlag(values.faults),
    seed: values.seed === undefined ? undefined : parseSeedFlag(values.seed),
    oauthReturn: values['oauth-return'],
    allowOrigins: values['allow-origin'],
    allowedHosts: values['allowed-host'],
    log: values.quiet ? undefined : io.stdout,
    verbose: values.verbose,
    watch: values.watch,
    notice: (line) => io.stdout(`flowyte-contract mock: ${line}\n`),
  });
  const simulated = values.faults !== undefined || (values.delay ?? '').includes('-');
  io.stdout(banner(mock.origin, mock.core.basePath, [...mock.core.store.keys.values()], simulated ? mock.seed : undefined, mock.stateLoaded ? values.state : undefined));

  await io.stopSignal;
  await mock.close();
  return 0;
};

function banner(origin: string, basePath: string, keys: Array<{ token: string; scopes: ReadonlySet<string> }>, seed: number | undefined, stateFile: string | undefined): string {
  const width = Math.max(...keys.map((key) => key.token.length));
  return [
    `flowyte-contract mock listening on ${origin}${basePath}`,
    `  mock control: GET|PUT ${origin}/__mock/state, POST ${origin}/__mock/reset`,
    ...(stateFile ? [`  state loaded from ${stateFile}`] : []),
    ...(seed !== undefined ? [`  faults and delays drawn with --seed ${seed}`] : []),
    '  keys (Authorization: Bearer <key>):',
    ...keys.map((key) => `    ${key.token.padEnd(width)}  ${[...key.scopes].join(' ')}`),
    '',
  ].join('\n');
}
