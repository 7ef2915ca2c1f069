import { PROVIDERS } from '../catalog.js';
import { ok, type Handler } from './handler.js';

export const listIntegrationCatalog: Handler = (context) => {
  const connections = context.store.connectionsOf(context.orgId);
  return ok(
    Object.values(PROVIDERS)
      .filter((provider) => provider.live)
      .map(({ live: _live, ...provider }) => ({ ...provider, connected: connections.get(provider.kind)?.status === 'connected' })),
  );
};
