import { watch, type FSWatcher } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withConditions, type ConditionedCore } from '../mock/conditions/with-conditions.js';
import type { DelayOption } from '../mock/conditions/condition-options.js';
import { redactedState } from '../mock/control/redacted-state.js';
import { createMockCore, type MockCore } from '../mock/core.js';
import { createDevLog } from '../mock/dev-log.js';
import { createMockServer } from '../mock/http-adapter.js';
import type { MockData } from '../mock/mock-data.js';
import { attachStateFile, type AttachedStateFile } from '../mock/state/state-file.js';
import { restoreState } from '../mock/state/restore.js';
import { mockDocument } from '../spec/mock-document.js';
import { ToolError } from '../tool-errors.js';

/** Everything `flowyte-contract mock` serves with, its flags parsed. */
export interface MockServerSettings {
  readonly port: number;
  readonly host: string;
  readonly specPath?: string;
  readonly dataPath?: string;
  readonly loadData?: (path: string) => MockData;
  readonly statePath?: string;
  readonly cors: boolean;
  readonly delay?: DelayOption;
  readonly faultRate?: number;
  readonly seed?: number;
  readonly oauthReturn?: string;
  readonly allowOrigins?: readonly string[];
  readonly allowedHosts?: readonly string[];
  /** Where request lines go; none with --quiet. */
  readonly log?: (line: string) => void;
  readonly verbose?: boolean;
  /** Reload the spec and the data file on change, keeping the state the new contract allows. */
  readonly watch?: boolean;
  /** Told of a reload or of one that failed. */
  readonly notice?: (line: string) => void;
}

export interface RunningMock {
  readonly origin: string;
  readonly core: MockCore;
  readonly seed: number;
  readonly stateLoaded: boolean;
  close(): Promise<void>;
}

/**
 * The mock as the CLI serves it: the core over the contract and data, wrapped in the conditions (Prefer,
 * latency, faults), behind the HTTP adapter with its Host guard and request log, its state saved to a file
 * when asked, and reloaded on change with --watch. Tests start it the same way.
 */
export async function startMockServer(settings: MockServerSettings): Promise<RunningMock> {
  let origin = `http://${hostForUrl(settings.host)}:${settings.port}`;
  const build = async () => {
    const document = await mockDocument(settings.specPath);
    const data = settings.dataPath && settings.loadData ? settings.loadData(settings.dataPath) : undefined;
    const core = createMockCore({ document, data, cors: settings.cors, fallbackOrigin: () => origin, allowOrigins: settings.allowOrigins, oauthReturn: settings.oauthReturn });
    return withConditions(core, { document, cors: settings.cors, delay: settings.delay, faultRate: settings.faultRate, seed: settings.seed });
  };
  let current: ConditionedCore = await build();
  let stateFile: AttachedStateFile | undefined = settings.statePath ? attachStateFile(current.store, settings.statePath) : undefined;
  const stateLoaded = stateFile?.loaded ?? false;
  // The server keeps one core object; a reload swaps what it delegates to.
  const served: MockCore = {
    get store() {
      return current.store;
    },
    get basePath() {
      return current.basePath;
    },
    handle: (request) => current.handle(request),
  };
  const server: Server = createMockServer(served, {
    onServed: settings.log ? createDevLog({ write: settings.log, verbose: settings.verbose }) : undefined,
    hostGuard: { listenHost: settings.host, allowedHosts: settings.allowedHosts },
  });
  try {
    server.listen(settings.port, settings.host);
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ToolError('PORT_IN_USE', `port ${settings.port} on ${settings.host} is already in use`);
    throw new ToolError('LISTEN_FAILED', `cannot listen on ${settings.host}:${settings.port} (${code ?? (error as Error).message})`);
  }
  origin = `http://${hostForUrl(settings.host)}:${(server.address() as AddressInfo).port}`;

  // --watch: a changed spec or data file builds a new core; the state moves over as PUT /__mock/state would
  // take it, so what the new contract still allows is kept and the rest is said in one line.
  const reload = async () => {
    try {
      const next = await build();
      const kept = restoreState(next.store, redactedState(current.store), 'state');
      await stateFile?.dispose();
      current = next;
      stateFile = settings.statePath ? attachStateFile(current.store, settings.statePath) : undefined;
      settings.notice?.(kept.length ? `reloaded; the state did not fit the new contract or data (${kept[0]!.field} ${kept[0]!.message}): started afresh` : 'reloaded, state kept');
    } catch (error) {
      settings.notice?.(`reload failed, still serving the previous contract: ${(error as Error).message}`);
    }
  };
  const watchers = settings.watch ? watchFiles([settings.specPath, settings.dataPath], reload) : [];

  return {
    origin,
    get core() {
      return served;
    },
    seed: current.seed,
    stateLoaded,
    async close() {
      for (const watcher of watchers) watcher.close();
      await stateFile?.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Watches each file given; a burst of change events (editors write twice) reloads once. */
function watchFiles(paths: ReadonlyArray<string | undefined>, onChange: () => Promise<void>): FSWatcher[] {
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void onChange(), 150);
  };
  return paths.filter((path): path is string => path !== undefined).map((path) => watch(path, changed));
}

export const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);
