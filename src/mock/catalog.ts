import type { AuthType, IntegrationKind } from './types.js';

/** A provider as the mock's catalog knows it. `live: false` marks the reserved, not yet connectable ones. */
export interface Provider {
  readonly kind: IntegrationKind;
  readonly displayName: string;
  readonly category: string;
  readonly blurb: string;
  readonly logoSlug: string;
  readonly authType: AuthType;
  readonly actionCount: number;
  readonly hasPack: boolean;
  readonly live: boolean;
}

// The docs: Google Calendar and Sheets (OAuth), Shopify (API key) and SQL databases are live; Calendly,
// HubSpot, Square and OpenTable are reserved. Shopify is pack-based (actionCount 0, hasPack true); a SQL
// database has no pre-built actions: its skills are bound from the discovered schema.
export const PROVIDERS: Readonly<Record<IntegrationKind, Provider>> = {
  google_calendar: provider('google_calendar', 'Google Calendar', 'Scheduling', 'Check availability and book, move or cancel events on a Google calendar.', 'oauth2', 4, true),
  google_sheets: provider('google_sheets', 'Google Sheets', 'Productivity', 'Look up and append rows in a Google spreadsheet.', 'oauth2', 3, false),
  shopify: provider('shopify', 'Shopify', 'Commerce', 'Look up orders, customers and products in a Shopify store.', 'api_key', 0, true),
  postgres: provider('postgres', 'PostgreSQL', 'Database', 'Read (and optionally write) live records in your own PostgreSQL database.', 'sql', 0, false),
  mysql: provider('mysql', 'MySQL', 'Database', 'Read (and optionally write) live records in your own MySQL database.', 'sql', 0, false),
  calendly: reserved('calendly', 'Calendly', 'Scheduling', 'oauth2'),
  hubspot: reserved('hubspot', 'HubSpot', 'CRM', 'oauth2'),
  square: reserved('square', 'Square', 'Commerce', 'oauth2'),
  opentable: reserved('opentable', 'OpenTable', 'Reservations', 'api_key'),
};

function provider(
  kind: IntegrationKind,
  displayName: string,
  category: string,
  blurb: string,
  authType: AuthType,
  actionCount: number,
  hasPack: boolean,
): Provider {
  return { kind, displayName, category, blurb, logoSlug: kind.replace(/_/g, '-'), authType, actionCount, hasPack, live: true };
}

function reserved(kind: IntegrationKind, displayName: string, category: string, authType: AuthType): Provider {
  return { ...provider(kind, displayName, category, `${displayName} is coming soon.`, authType, 0, false), live: false };
}
