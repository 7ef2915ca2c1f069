import { actionBody, actionsOf } from '../actions.js';
import { PROVIDERS } from '../catalog.js';
import { paginate } from '../paginate.js';
import { problem } from '../problems.js';
import { pageQuery, pageResult, type Handler } from './handler.js';

const LIVE = Object.values(PROVIDERS).filter((provider) => provider.live);
/** The actions as listed, built once: they are the providers', the same for every organization. */
const LISTED_ACTIONS = new Map(LIVE.map((provider) => [provider.kind, actionsOf(provider.kind).map(actionBody)]));

export const listIntegrationCatalog: Handler = (context) => {
  const connections = context.store.connectionsOf(context.orgId);
  const entries = LIVE.map(({ live: _live, ...provider }) => ({ ...provider, connected: connections.get(provider.kind)?.status === 'connected' }));
  return pageResult(paginate('catalog', entries, (entry) => entry.kind, pageQuery(context)));
};

/** Lists what the provider offers, not the org's data: no connection needed. A reserved provider has nothing to list. */
export const listIntegrationActions: Handler = (context) => {
  const provider = PROVIDERS[context.params.kind];
  if (!provider.live) return problem('provider_not_available', `${provider.displayName} is not available yet, so it has no actions to list.`);
  return pageResult(paginate(`actions:${provider.kind}`, LISTED_ACTIONS.get(provider.kind)!, (action) => action.slug, pageQuery(context)));
};
