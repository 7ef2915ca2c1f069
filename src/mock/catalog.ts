import { actionsOf } from './actions.js';
import { presetsOf } from './packs.js';
import type { AuthType, IntegrationKind } from './types.js';

/** A provider as the mock's catalog knows it. `live: false` marks the reserved, not yet connectable ones. */
export interface Provider {
  readonly kind: IntegrationKind;
  readonly displayName: string;
  readonly category: string;
  readonly blurb: string;
  readonly logoSlug: string;
  readonly authType: AuthType;
  /** How many actions the provider lists: counted from `actions.ts`, so the two cannot disagree. */
  readonly actionCount: number;
  /** Whether `packs.ts` gives the provider a Connector Pack. */
  readonly hasPack: boolean;
  readonly live: boolean;
}

// The docs: Google Calendar and Sheets (OAuth), Shopify (API key) and SQL databases are live; Calendly,
// HubSpot, Square and OpenTable are reserved. Shopify and Google Calendar have actions and a pack; a SQL database
// has neither: its skills are bound from the discovered schema.
export const PROVIDERS: Readonly<Record<IntegrationKind, Provider>> = {
  google_calendar: provider('google_calendar', 'Google Calendar', 'Scheduling', 'Check availability and book, move or cancel events on a Google calendar.', 'oauth2'),
  google_sheets: provider('google_sheets', 'Google Sheets', 'Productivity', 'Look up and append rows in a Google spreadsheet.', 'oauth2'),
  shopify: provider('shopify', 'Shopify', 'Commerce', 'Look up orders, customers and products in a Shopify store.', 'api_key'),
  postgres: provider('postgres', 'PostgreSQL', 'Database', 'Read (and optionally write) live records in your own PostgreSQL database.', 'sql'),
  mysql: provider('mysql', 'MySQL', 'Database', 'Read (and optionally write) live records in your own MySQL database.', 'sql'),
  calendly: reserved('calendly', 'Calendly', 'Scheduling', 'oauth2'),
  hubspot: reserved('hubspot', 'HubSpot', 'CRM', 'oauth2'),
  square: reserved('square', 'Square', 'Commerce', 'oauth2'),
  opentable: reserved('opentable', 'OpenTable', 'Reservations', 'api_key'),
};

function provider(kind: IntegrationKind, displayName: string, category: string, blurb: string, authType: AuthType): Provider {
  const actionCount = actionsOf(kind).length;
  const hasPack = presetsOf(kind).length > 0;
  return { kind, displayName, category, blurb, logoSlug: kind.replace(/_/g, '-'), authType, actionCount, hasPack, live: true };
}

function reserved(kind: IntegrationKind, displayName: string, category: string, authType: AuthType): Provider {
  return { ...provider(kind, displayName, category, `${displayName} is coming soon.`, authType), live: false };
}
