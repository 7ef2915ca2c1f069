import { ToolError } from '../tool-errors.js';
import type { TestConfig } from './config.js';
import type { Contract } from './contract.js';
import type { ReceivedResponse } from './exchange.js';
import { API_ACCEPT, type TargetClient } from './target-client.js';
import { TransportFault } from './transport-fault.js';

const PROBE = '/integrations/catalog';

/**
 * Before any suite runs: the target must answer HTTP (else TARGET_UNREACHABLE) and answer under its path as
 * the API would (else TARGET_NOT_API, with the likely fix: most often a target without the base path).
 */
export async function probeTarget(client: TargetClient, contract: Contract, config: TestConfig): Promise<void> {
  const response = await probe(client, config.target + PROBE);
  if (answersAsApi(response)) return;
  const base = contract.basePath.replace(/\/+$/, '');
  const url = new URL(config.target);
  let fix = `the contract's base path is ${base || '/'}`;
  if (base && !url.pathname.replace(/\/+$/, '').endsWith(base)) {
    for (const candidate of new Set([`${url.origin}${url.pathname.replace(/\/+$/, '')}${base}`, `${url.origin}${base}`])) {
      const answer = await probe(client, candidate + PROBE).catch(() => undefined);
      if (answer && answersAsApi(answer)) {
        fix += `: try --target ${candidate}`;
        break;
      }
    }
  }
  throw new ToolError('TARGET_NOT_API', `nothing under ${config.target} answers as the API would (GET …${PROBE} answered ${response.status}${isHtml(response) ? ' with a web page' : ''}); ${fix}`);
}

async function probe(client: TargetClient, url: string): Promise<ReceivedResponse> {
  try {
    return await client.raw(url, { method: 'GET', headers: { accept: API_ACCEPT } });
  } catch (error) {
    if (error instanceof TransportFault) throw new ToolError('TARGET_UNREACHABLE', `GET ${url.split('?')[0]} failed: ${error.kind} (${error.detail})`);
    throw error;
  }
}

/** Any answer but "no such route" or a web page: every operation of the API answers something of its own. */
function answersAsApi(response: ReceivedResponse): boolean {
  return ![404, 405, 501].includes(response.status) && !isHtml(response);
}

const isHtml = (response: ReceivedResponse) => /^text\/html/i.test(response.headers['content-type'] ?? '');
