/**
 * How an in-process request fails when the mock drops the connection (a simulated fault): as `fetch` fails
 * on a network error, with a TypeError, so that an app's error handling sees what it would see for real.
 * Adapters that speak their own word for it (MSW's HttpResponse.error(), Playwright's route.abort()) test
 * for this class.
 */
export class NetworkDropError extends TypeError {
  constructor() {
    super('Failed to fetch: the mock dropped the connection (a simulated network fault)');
    this.name = 'NetworkDropError';
  }
}
