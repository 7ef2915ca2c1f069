import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withConditions, type ConditionedCore } from '../mock/conditions/with-conditions.js';
import type { DelayOption } from '../mock/conditions/condition-options.js';
import { createMockCore, type MockCore } from '../mock/core.js';
import { createDevLog } from '../mock/dev-log.js';
import { createMockServer } from '../mock/http-adapter.js';
import type { MockData } from '../mock/mock-data.js';
import type { AttachedStateFile } from '../mock/state/state-file.js';
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
  let seed = settings.seed;
  const build = async () => {
    const document = await mockDocument(settings.specPath);
    const data = settings.dataPath && settings.loadData ? settings.loadData(settings.dataPath) : undefined;
    const core = createMockCore({ document, data, cors: settings.cors, fallbackOrigin: () => origin, allowOrigins: settings.allowOrigins, oauthReturn: settings.oauthReturn });
    // A reload draws from the same seed as the start, the one the banner printed.
    const conditioned = withConditions(core, { document, cors: settings.cors, delay: settings.delay, faultRate: settings.faultRate, seed });
    seed = conditioned.seed;
    return conditioned;
  };
  let current: ConditionedCore = await build();
  // The state file (and the YAML reader behind it) loads only when asked: the default start stays fast.
  const { attachStateFile } = settings.statePath || settings.watch ? await import('../mock/state/state-file.js') : { attachStateFile: undefined };
  let stateFile: AttachedStateFile | undefined = settings.statePath ? attachStateFile!(current.store, settings.statePath) : undefined;
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

  // --watch: a changed spec or data file builds a new core. A changed spec keeps the state, moved over as
  // PUT /__mock/state would take it (what no longer fits starts afresh from the data, and says so); a changed
  // data file is new start data, so the mock starts from it. Everything that can fail happens before the
  // swap: a reload that fails leaves the previous core serving, and its state file saving.
  const reload = async (changed: string) => {
    try {
      const next = await build();
      const fresh = changed === settings.dataPath;
      const [{ restoreState }, { redactedState }] = await Promise.all([import('../mock/state/restore.js'), import('../mock/control/redacted-state.js')]);
      const misfit = fresh ? [] : restoreState(next.store, redactedState(current.store), 'state');
      const nextFile = settings.statePath ? attachStateFile!(next.store, settings.statePath, { load: false }) : undefined;
      await stateFile?.dispose();
      current = next;
      stateFile = nextFile;
      settings.notice?.(
        fresh
          ? `reloaded ${changed}: started from the new data`
          : misfit.length
            ? `reloaded ${changed}; the state did not fit the new contract (${misfit[0]!.field} ${misfit[0]!.message}): started from the data`
            : `reloaded ${changed}, state kept`,
      );
    } catch (error) {
      settings.notice?.(`reload failed, still serving the previous contract and data: ${(error as Error).message}`);
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

/**
 * Watches each file given through its folder, so that an editor's save (a new file renamed over the old one)
 * is seen every time; a burst of events (editors write twice) reloads once, naming the file that changed.
 */
function watchFiles(paths: ReadonlyArray<string | undefined>, onChange: (path: string) => Promise<void>): FSWatcher[] {
  let timer: NodeJS.Timeout | undefined;
  const files = paths.filter((path): path is string => path !== undefined).map((path) => resolve(path));
  return [...new Set(files.map((file) => dirname(file)))].map((folder) =>
    watch(folder, (_event, name) => {
      const file = files.find((candidate) => dirname(candidate) === folder && basename(candidate) === String(name));
      if (!file) return;
      clearTimeout(timer);
      timer = setTimeout(() => void onChange(paths.find((path) => path !== undefined && resolve(path) === file)!), 150);
    }),
  );
}

export const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);
