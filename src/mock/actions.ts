import { param, type Effect, type SkillParameter } from './skill-body.js';
import type { IntegrationKind } from './types.js';

/** A setting an operator must still fill before the action's skill can run (the contract's `ActionConfigField`). */
export interface OperatorConfigField {
  readonly key: string;
  readonly label: string;
  readonly required: boolean;
  readonly description?: string;
}

/** One of a provider's pre-built actions: what provisioning turns into a skill named `toolName`. */
export interface ProviderAction {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly toolName: string;
  /** The actions a provision with no `actions` creates. */
  readonly important: boolean;
  readonly effect: Effect;
  readonly parameters: readonly SkillParameter[];
  readonly operatorConfig: readonly OperatorConfigField[];
}

function config(key: string, label: string, required: boolean, description?: string): OperatorConfigField {
  return description === undefined ? { key, label, required } : { key, label, required, description };
}

type ActionData = Omit<ProviderAction, 'toolName'>;

/**
 * The kind's actions in slug order, the order the actions endpoint pages them in (and a provision without
 * `actions` answers in). Each skill takes the name `<kind>_<slug>`, so two providers' skills never collide.
 */
function actions(kind: IntegrationKind, list: readonly ActionData[]): readonly ProviderAction[] {
  return list.map((action) => ({ ...action, toolName: `${kind}_${action.slug}` })).sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

const CALENDAR = config('calendarId', 'Calendar', true, 'The calendar the agent books on.');
const SPREADSHEET = config('spreadsheetUrl', 'Spreadsheet', true, 'The URL of the Google spreadsheet.');
const STORE = config('storeDomain', 'Store domain', true, 'The myshopify.com domain of the store the agent answers for.');
const SHEET = config('sheetName', 'Sheet', true, 'The tab rows are read from and written to.');

// Only the providers with pre-built actions are listed: a SQL database's skills are bound from its discovered
// schema, and the reserved providers are not connectable. Shopify has actions and a Connector Pack both, so
// that the API-key walkthrough (connect → actions → provision) needs no OAuth approval; its action tool names
// differ from its presets'. The catalog's `actionCount` is counted from these lists.
const ACTIONS: Partial<Record<IntegrationKind, readonly ProviderAction[]>> = {
  google_calendar: actions('google_calendar', [
    {
      slug: 'check_availability',
      name: 'Check availability',
      description: 'Find free slots on the calendar in a time range.',
      important: true,
      effect: 'read',
      parameters: [
        param('start', 'datetime', true, 'The start of the range to search.'),
        param('end', 'datetime', true, 'The end of the range to search.'),
        param('durationMinutes', 'integer', false, 'How long a slot must be (default 30).'),
      ],
      operatorConfig: [CALENDAR],
    },
    {
      slug: 'create_event',
      name: 'Book an event',
      description: 'Book an event on the calendar.',
      important: true,
      effect: 'create',
      parameters: [
        param('start', 'datetime', true, 'When the event begins.'),
        param('summary', 'string', true, 'What the event is, as the calendar shows it.'),
        param('end', 'datetime', false, 'When the event ends (default: start plus the default duration).'),
        param('attendeeEmail', 'string', false, 'Who to invite.'),
      ],
      operatorConfig: [CALENDAR, config('defaultDurationMinutes', 'Default duration', false, 'Minutes an event lasts when no end is given.')],
    },
    {
      slug: 'reschedule_event',
      name: 'Move an event',
      description: 'Move a booked event to a new time.',
      important: false,
      effect: 'change',
      parameters: [param('eventId', 'string', true, 'The event to move.'), param('start', 'datetime', true, 'The new start.'), param('end', 'datetime', false, 'The new end.')],
      operatorConfig: [CALENDAR],
    },
    {
      slug: 'cancel_event',
      name: 'Cancel an event',
      description: 'Cancel a booked event.',
      important: false,
      effect: 'change',
      parameters: [param('eventId', 'string', true, 'The event to cancel.')],
      operatorConfig: [CALENDAR],
    },
  ]),
  google_sheets: actions('google_sheets', [
    {
      slug: 'find_rows',
      name: 'Find rows',
      description: 'Find the rows whose column holds a value.',
      important: true,
      effect: 'read',
      parameters: [param('column', 'string', true, 'The column header to match.'), param('value', 'string', true, 'The value to find.')],
      operatorConfig: [SPREADSHEET, SHEET],
    },
    {
      slug: 'append_row',
      name: 'Append a row',
      description: 'Add a row at the end of the sheet.',
      important: true,
      effect: 'create',
      parameters: [param('values', 'string', true, "The row's cells, comma-separated, in column order.")],
      operatorConfig: [SPREADSHEET, SHEET],
    },
    {
      slug: 'update_row',
      name: 'Update a row',
      description: 'Change the cells of the row whose key column holds a value.',
      important: false,
      effect: 'change',
      parameters: [param('key', 'string', true, 'The key of the row to change.'), param('values', 'string', true, 'The new cells, comma-separated.')],
      operatorConfig: [SPREADSHEET, SHEET, config('keyColumn', 'Key column', true, 'The column a row is found by.')],
    },
  ]),
  shopify: actions('shopify', [
    {
      slug: 'lookup_order',
      name: 'Look up an order',
      description: 'Find an order by its number and tell its payment and fulfilment status.',
      important: true,
      effect: 'read',
      parameters: [param('orderNumber', 'string', true, 'The order number, such as #1001.'), param('email', 'string', false, "The buyer's e-mail, to confirm the order is theirs.")],
      operatorConfig: [STORE],
    },
    {
      slug: 'search_customers',
      name: 'Search customers',
      description: 'Find customers by e-mail address or phone number.',
      important: true,
      effect: 'read',
      parameters: [param('email', 'string', false, "The customer's e-mail address."), param('phone', 'string', false, "The customer's phone number.")],
      operatorConfig: [STORE],
    },
    {
      slug: 'check_stock',
      name: 'Check stock',
      description: 'Tell whether a product is in stock, and its price.',
      important: false,
      effect: 'read',
      parameters: [param('query', 'string', true, 'Words of the product title.')],
      operatorConfig: [STORE],
    },
  ]),
};

export function actionsOf(kind: IntegrationKind): readonly ProviderAction[] {
  return ACTIONS[kind] ?? [];
}

/** An action as `GET /integrations/{kind}/actions` lists it. */
export function actionBody(action: ProviderAction) {
  const { effect, ...listed } = action;
  return { ...listed, isWrite: effect !== 'read' };
}
