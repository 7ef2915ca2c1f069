import fc from 'fast-check';
import type { ConfiguredKey } from '../src/contract/config.js';
import type { Exchange } from '../src/contract/exchange.js';
import type { FindingKind } from '../src/contract/findings.js';
import type { SuiteContext } from '../src/contract/suite-context.js';
import type { Suite } from '../src/contract/suite.js';
import { refusedHost } from './support/private-hosts.js';
import { SQL_KINDS } from './support/providers.js';
import { ordinarySqlDescriptor } from './support/secrets.js';
import { submitCredentials } from './support/session.js';

const OPERATION = 'testSqlConnection';

/** The port the target answers on, as its URL says (or the scheme's). */
const targetPort = (context: SuiteContext) => {
  const url = new URL(context.config.target);
  return url.port || (url.protocol === 'https:' ? '443' : '80');
};

const sqlKinds = (context: SuiteContext) => SQL_KINDS.filter((kind) => context.kinds.includes(kind));
const testOperation = (context: SuiteContext) => context.operations.find((operation) => operation.operationId === OPERATION);
const keysFor = (context: SuiteContext): ConfiguredKey[] => {
  const operation = testOperation(context);
  return operation ? context.keysWith(operation.scopes) : [];
};

/**
 * Why an answer to a refused host does not conform, or undefined when it does. The contract leaves the form
 * open ("either a 200 whose first check fails (`ok: false`) or a 422 problem naming `credentials.host`"); a
 * 400 naming the field conforms too, being the operation's declared answer to an invalid body.
 */
function nonconformity(exchange: Exchange): { kind: FindingKind; message: string } | undefined {
  const { status, json } = exchange.response;
  const body = json as { data?: { ok?: unknown; checks?: Array<{ name?: unknown; status?: unknown }> }; errors?: Array<{ field?: unknown }> } | undefined;
  if (status === 200) {
    const first = Array.isArray(body?.data?.checks) ? body.data.checks[0] : undefined;
    if (body?.data?.ok === false && first?.status === 'failed') return undefined;
    const seen = first ? `its first check ${String(first.name)} ${String(first.status)}` : 'no checks';
    return { kind: 'semantic_mismatch', message: `answered 200 with ok ${String(body?.data?.ok)} and ${seen}: the host must fail the first check (reachability), ok false` };
  }
  if (status === 400 || status === 422) {
    if (Array.isArray(body?.errors) && body.errors.some((error) => error?.field === 'credentials.host')) return undefined;
    return { kind: 'semantic_mismatch', message: `answered ${status} without naming credentials.host in errors[]` };
  }
  return { kind: 'unexpected_status', message: `answered ${status}: the contract's forms are a 200 whose first check fails, or a 422 naming credentials.host` };
}

/**
 * "A host that resolves to a private, loopback, or metadata address is refused": each run tests an otherwise
 * valid descriptor with a host of one family (loopback, private, link-local and metadata, unique-local,
 * unspecified), in a spelling drawn from the many a resolver accepts.
 */
export const privateHostRefusal: Suite = {
  id: 'private_host_refusal',
  skipReason(context) {
    if (!testOperation(context)) return context.documentedOnly ? `${OPERATION} is x-inferred: --documented-only leaves it out` : `the contract has no ${OPERATION}`;
    if (!sqlKinds(context).length) return 'the contract has no SQL kind (postgres, mysql)';
    return keysFor(context).length ? undefined : `needs a key with ${testOperation(context)!.scopes.join(', ')}`;
  },
  operations: () => [OPERATION],
  property(context) {
    const keys = keysFor(context);
    const input = fc.record({
      kind: fc.constantFrom(...sqlKinds(context)),
      descriptor: ordinarySqlDescriptor,
      refused: refusedHost,
    });
    return fc.asyncProperty(input, async ({ kind, descriptor, refused }) =>
      // A test stores nothing ("without storing anything"): the run takes no kind's lane.
      context.runAs(keys, '', async (key) => {
        // The host is left out: the contract's own example message names it ("10.0.0.5 is a private address").
        const { host: _, ...secrets } = descriptor;
        submitCredentials(context, secrets);
        context.probed('private_host_refusal', refused.probe);
        // A loopback host on the port the target itself answers on: a server that does contact it reaches a
        // listener and reports reachability passed, rather than passing for a connection that was refused.
        const port = refused.loopback ? targetPort(context) : descriptor.port;
        const exchange = await context.call(OPERATION, { key, params: { kind }, json: { credentials: { ...descriptor, host: refused.host, port } } });
        const found = nonconformity(exchange);
        if (found) context.fail('private_host_refusal', found.kind, OPERATION, `${kind} host ${JSON.stringify(refused.host)} ${found.message}`, exchange);
      }),
    );
  },
};
