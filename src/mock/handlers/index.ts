import { autoBindIntegration } from './auto-bind.js';
import { createIntegrationBinding } from './bindings.js';
import { listIntegrationActions, listIntegrationCatalog } from './catalog.js';
import { connectIntegration } from './connect.js';
import { disconnectIntegration, listIntegrations } from './connections.js';
import { discoverIntegration, getIntegrationSchema, listIntegrationObjects } from './discovery.js';
import type { Handler } from './handler.js';
import { installIntegrationPack } from './pack.js';
import { provisionIntegrationActions } from './provision.js';
import { getIntegrationScoping, setIntegrationScoping } from './scoping.js';
import { getSqlScripts, testSqlConnection } from './sql.js';

/** The mock's behaviour per operationId; routing, auth and validation come from the contract. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  listIntegrationCatalog,
  listIntegrations,
  disconnectIntegration,
  connectIntegration,
  listIntegrationActions,
  testSqlConnection,
  getSqlScripts,
  discoverIntegration,
  getIntegrationSchema,
  listIntegrationObjects,
  getIntegrationScoping,
  setIntegrationScoping,
  createIntegrationBinding,
  autoBindIntegration,
  provisionIntegrationActions,
  installIntegrationPack,
};
