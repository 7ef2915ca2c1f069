import { http, HttpResponse, type HttpHandler } from 'msw';
import { createFetchHandler, type FetchHandlerOptions } from './fetch/fetch-handler.js';
import { NetworkDropError } from './fetch/network-drop.js';
import { createMockCore } from './in-process/create-core.js';

/** The fetch handler's options, and where the app sends its API requests. */
export type MswHandlersOptions = FetchHandlerOptions & {
  /**
   * The API's base URL(s) as the app calls them, ending in the contract's base path: `http://localhost:4010/api/v1`
   * (what `flowyte-contract mock` prints, so an app moves from the served mock to MSW unchanged) or
   * `/api/v1` (the page's own origin). Default `*` + the base path: any origin.
   */
  readonly baseUrl?: string | readonly string[];
};

/**
 * MSW 2 request handlers that answer the API and the mock's own routes (`/__mock/*`: reset, state, the OAuth
 * consent page) from one stateful mock of the packaged contract, for setupServer (vitest, jsdom) and
 * setupWorker (a browser, Storybook). A dropped connection (a simulated fault) is MSW's network error.
 */
export function createMswHandlers(options: MswHandlersOptions = {}): HttpHandler[] {
  const core = 'core' in options ? options.core : createMockCore(options);
  const handle = createFetchHandler({ core });
  const resolver = async ({ request }: { request: Request }): Promise<Response> => {
    try {
      return await handle(request);
    } catch (error) {
      if (error instanceof NetworkDropError) return HttpResponse.error();
      throw error;
    }
  };
  const bases = [options.baseUrl ?? `*${core.basePath}`].flat().map((base) => base.replace(/\/+$/, ''));
  const controls = new Set<string>();
  const handlers: HttpHandler[] = [];
  for (const base of bases) {
    if (!base.endsWith(core.basePath)) {
      throw new TypeError(`baseUrl ${base} does not end with the API's base path ${core.basePath}`);
    }
    handlers.push(http.all(`${base}/*`, resolver));
    controls.add(`${base.slice(0, base.length - core.basePath.length)}/__mock/*`);
  }
  for (const control of controls) handlers.push(http.all(control, resolver));
  return handlers;
}
