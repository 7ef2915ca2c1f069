import { loadContract } from '../contract/contract.js';
import { startProxy, type ProxyStats } from '../proxy/proxy-server.js';
import { parseTarget } from '../proxy/target.js';
import { defaultSpecPath } from '../spec/load-spec.js';
import { ToolError } from '../tool-errors.js';
import type { Command } from './io.js';
import { integerFlag, parseFlags } from './parse-flags.js';
import { toolVersion } from './tool-version.js';

const HELP = `usage: flowyte-contract proxy --target URL [options]

Forwards every request to the target and judges each request and answer against openapi.yaml, with the checks
and the documented/inferred levels of \`test\`. Violations are logged and sent back in an x-flowyte-violations header.

options:
  --target URL          the server to forward to, with the API's base path (https://staging.example.com/api/v1)
  --port N              port to listen on (default 4010; 0 picks a free one)
  --host ADDR           address to listen on (default 127.0.0.1)
  --allowed-host NAME   a Host name to answer besides localhost and IP addresses (repeatable), as the mock's
  --errors              refuse an invalid request with the mock's own 4xx (not forwarded), and replace an answer
                        that breaks a documented rule with a 502 problem+json naming the violations
  --record FILE.har     record every exchange to a HAR 1.2 file, keys and credentials redacted
  --documented-only     judge on the documented rules only (as test --documented-only)
  --timeout MS          a judged exchange, request and answer bodies included, within this time; traffic not
                        judged: this long a silence of the target (default 10000)
  --max-body-bytes N    judge bodies up to this size (default 1048576); larger ones are forwarded, not validated
  --quiet               log only violations, target faults and answers not validated, not every exchange
  --spec FILE           the contract (default: the packaged openapi.yaml)
  -h, --help            show this help
`;

export const proxyCommand: Command = async (args, io) => {
  const { values } = parseFlags(args, {
    target: { type: 'string' },
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'allowed-host': { type: 'string', multiple: true },
    errors: { type: 'boolean', default: false },
    record: { type: 'string' },
    'documented-only': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '10000' },
    'max-body-bytes': { type: 'string', default: String(1024 * 1024) },
    quiet: { type: 'boolean', default: false },
    spec: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (!values.target) throw new ToolError('USAGE', 'proxy needs --target URL, the server to forward to with its base path (https://staging.example.com/api/v1)');
  const target = parseTarget(values.target);
  const port = integerFlag('--port', values.port, 0, 65535);
  const timeoutMs = integerFlag('--timeout', values.timeout, 1, 3_600_000);
  const maxBodyBytes = integerFlag('--max-body-bytes', values['max-body-bytes'], 1024, 1024 ** 3);
  const contract = await loadContract(values.spec ?? defaultSpecPath());

  const proxy = await startProxy({
    contract,
    target,
    port,
    host: values.host,
    allowedHosts: values['allowed-host'],
    errors: values.errors,
    documentedOnly: values['documented-only'],
    timeoutMs,
    maxBodyBytes,
    recordPath: values.record,
    quiet: values.quiet,
    log: io.stdout,
    toolVersion: toolVersion(),
  });
  io.stdout(
    [
      `flowyte-contract proxy listening on ${proxy.baseUrl}`,
      `  forwarding to ${target.origin}${target.basePath}`,
      `  judged against ${values.spec ?? 'the packaged openapi.yaml'}${values['documented-only'] ? ', documented rules only' : ''}; bodies up to ${maxBodyBytes} bytes`,
      `  ${values.errors ? '--errors: invalid requests refused, answers breaking a documented rule replaced by a 502' : 'violations logged and sent in x-flowyte-violations; answers passed on as they are'}`,
      ...(values.record ? [`  recording to ${values.record} (keys and credentials redacted)`] : []),
      `  outside ${contract.basePath}: forwarded to ${target.origin} as they are, not judged`,
      `  answering Host names: localhost, IP addresses${values.host === '127.0.0.1' ? '' : `, ${values.host}`}${(values['allowed-host'] ?? []).map((name) => `, ${name}`).join('')}`,
      '',
    ].join('\n'),
  );

  await io.stopSignal;
  await proxy.close();
  io.stdout(`flowyte-contract proxy: stopped. ${summary(proxy.stats)}${values.record ? `; ${proxy.stats.recorded} recorded to ${values.record}` : ''}\n`);
  return 0;
};

function summary(stats: Readonly<ProxyStats>): string {
  const parts = [
    `${stats.exchanges} exchange(s)`,
    `${stats.violations} violation(s)`,
    `${stats.notJudged} not judged (outside the API or not in the contract)`,
    `${stats.notValidated} not validated (body over the cap or not decodable)`,
    ...(stats.refused ? [`${stats.refused} refused`] : []),
    ...(stats.replaced ? [`${stats.replaced} replaced by a 502`] : []),
    ...(stats.faults ? [`${stats.faults} target fault(s)`] : []),
    ...(stats.hostRefused ? [`${stats.hostRefused} refused for their Host name`] : []),
  ];
  return parts.join(', ');
}

