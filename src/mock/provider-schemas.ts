import type {
  Capability,
  DiscoveredSchema,
  SchemaField,
  SchemaObject,
  SchemaOperation,
  SchemaRelationship,
} from './discovered-schema.js';
import type { IntegrationKind } from './types.js';

// Field notation: `name:type` plus flags: `pk` primary key, `idx` indexed, `uniq` unique (a unique constraint is
// an index too), `null` nullable, `pii=<class>`.
type FieldNotation = `${string}:${string}`;

function field(notation: FieldNotation): SchemaField {
  const [name, type, ...flags] = notation.split(':') as [string, SchemaField['type'], ...string[]];
  const pii = flags.find((flag) => flag.startsWith('pii='));
  const unique = flags.includes('uniq');
  return {
    name,
    type,
    nullable: flags.includes('null'),
    primaryKey: flags.includes('pk'),
    indexed: flags.includes('pk') || flags.includes('idx') || unique,
    unique,
    piiClass: pii ? pii.slice(4) : null,
  };
}

function object(
  name: string,
  label: string,
  capabilities: Capability[],
  fields: FieldNotation[],
  relationships: Array<[field: string, target: string, targetField: string]> = [],
): SchemaObject {
  return {
    name,
    label,
    capabilities,
    fields: fields.map(field),
    relationships: relationships.map(([from, target, targetField]): SchemaRelationship => ({ field: from, target, targetField })),
  };
}

/** A SQL database's operations: a search on each indexed column, a single-row insert, an update by key. */
function sqlOperations(objects: readonly SchemaObject[]): SchemaOperation[] {
  return objects.flatMap((table) => {
    const key = table.fields.find((f) => f.primaryKey)!;
    const writable = table.fields.filter((f) => !f.primaryKey);
    return [
      {
        name: `search_${table.name}`,
        object: table.name,
        type: 'read' as const,
        description: `Find ${table.label.toLowerCase()} by exactly one indexed column.`,
        arguments: table.fields.filter((f) => f.indexed).map((f) => ({ name: f.name, field: f.name, required: false })),
      },
      {
        name: `insert_${table.name}`,
        object: table.name,
        type: 'write' as const,
        description: `Insert one row into ${table.name}.`,
        arguments: writable.map((f) => ({ name: f.name, field: f.name, required: !f.nullable })),
      },
      {
        name: `update_${table.name}`,
        object: table.name,
        type: 'write' as const,
        description: `Update one row of ${table.name} by ${key.name}.`,
        arguments: [
          { name: key.name, field: key.name, required: true },
          ...writable.map((f) => ({ name: f.name, field: f.name, required: false })),
        ],
      },
    ];
  });
}

function operation(name: string, objectName: string, type: 'read' | 'write', description: string, args: Array<[string, string, boolean]>): SchemaOperation {
  return { name, object: objectName, type, description, arguments: args.map(([n, f, required]) => ({ name: n, field: f, required })) };
}

const ALL: Capability[] = ['read', 'search', 'create', 'update'];

/** A small application database with PII columns, the same for postgres and mysql. */
function appDatabase(): DiscoveredSchema {
  const objects = [
    object('customers', 'Customers', ALL, ['id:integer:pk', 'first_name:string', 'last_name:string', 'email:string:uniq:pii=email', 'phone:string:idx:null:pii=phone', 'date_of_birth:date:null:pii=date_of_birth', 'created_at:datetime']),
    object('staff', 'Staff', ALL, ['id:integer:pk', 'name:string', 'email:string:uniq:pii=email', 'role:string']),
    object('services', 'Services', ALL, ['id:integer:pk', 'name:string:uniq', 'duration_minutes:integer', 'price_cents:integer']),
    object(
      'appointments',
      'Appointments',
      ALL,
      ['id:integer:pk', 'customer_id:integer:idx', 'staff_id:integer:idx', 'service_id:integer', 'starts_at:datetime:idx', 'status:string', 'notes:string:null'],
      [['customer_id', 'customers', 'id'], ['staff_id', 'staff', 'id'], ['service_id', 'services', 'id']],
    ),
    object('payments', 'Payments', ALL, ['id:integer:pk', 'appointment_id:integer:idx', 'amount_cents:integer', 'card_last4:string:pii=payment_card', 'paid_at:datetime:null'], [['appointment_id', 'appointments', 'id']]),
    object('requests', 'Requests', ALL, ['id:integer:pk', 'customer_id:integer:idx', 'subject:string', 'body:string', 'created_at:datetime'], [['customer_id', 'customers', 'id']]),
  ];
  return { objects, operations: sqlOperations(objects) };
}

function shopify(): DiscoveredSchema {
  return {
    objects: [
      object('orders', 'Orders', ['read', 'search'], ['id:string:pk', 'name:string:uniq', 'email:string:idx:pii=email', 'customer_id:string:idx', 'financial_status:string', 'fulfillment_status:string:null', 'total_price:number', 'created_at:datetime'], [['customer_id', 'customers', 'id']]),
      object('customers', 'Customers', ['read', 'search'], ['id:string:pk', 'first_name:string', 'last_name:string', 'email:string:uniq:pii=email', 'phone:string:idx:null:pii=phone', 'orders_count:integer']),
      object('products', 'Products', ['read', 'search'], ['id:string:pk', 'title:string:idx', 'vendor:string', 'price:number', 'inventory_quantity:integer']),
    ],
    operations: [
      operation('findOrder', 'orders', 'read', 'Find an order by its number or the buyer e-mail.', [['orderNumber', 'name', false], ['email', 'email', false]]),
      operation('findCustomer', 'customers', 'read', 'Find a customer by e-mail or phone.', [['email', 'email', false], ['phone', 'phone', false]]),
      operation('searchProducts', 'products', 'read', 'Search products by title.', [['query', 'title', true]]),
    ],
  };
}

function googleCalendar(): DiscoveredSchema {
  return {
    objects: [
      object('calendars', 'Calendars', ['read'], ['id:string:pk', 'summary:string', 'time_zone:string']),
      object('events', 'Events', ['read', 'search', 'create', 'update'], ['id:string:pk', 'calendar_id:string:idx', 'summary:string', 'description:string:null', 'start:datetime:idx', 'end:datetime', 'attendee_email:string:null:pii=email', 'location:string:null'], [['calendar_id', 'calendars', 'id']]),
    ],
    operations: [
      operation('listCalendars', 'calendars', 'read', 'List the calendars the account can see.', []),
      operation('listEvents', 'events', 'read', 'List events of a calendar from a start time.', [['calendarId', 'calendar_id', true], ['from', 'start', false]]),
      operation('createEvent', 'events', 'write', 'Create an event.', [['calendarId', 'calendar_id', true], ['summary', 'summary', true], ['start', 'start', true], ['end', 'end', true], ['attendeeEmail', 'attendee_email', false]]),
      operation('updateEvent', 'events', 'write', 'Move or rename an event.', [['eventId', 'id', true], ['start', 'start', false], ['end', 'end', false], ['summary', 'summary', false]]),
    ],
  };
}

function googleSheets(): DiscoveredSchema {
  return {
    objects: [
      object('spreadsheets', 'Spreadsheets', ['read'], ['id:string:pk', 'title:string:idx']),
      object('rows', 'Rows', ['read', 'search', 'create'], ['id:string:pk', 'spreadsheet_id:string:idx', 'sheet:string', 'values:string', 'updated_at:datetime'], [['spreadsheet_id', 'spreadsheets', 'id']]),
    ],
    operations: [
      operation('findSpreadsheet', 'spreadsheets', 'read', 'Find a spreadsheet by title.', [['title', 'title', true]]),
      operation('findRows', 'rows', 'read', 'Find rows of a spreadsheet.', [['spreadsheetId', 'spreadsheet_id', true]]),
      operation('appendRow', 'rows', 'write', 'Append a row to a sheet.', [['spreadsheetId', 'spreadsheet_id', true], ['sheet', 'sheet', true], ['values', 'values', true]]),
    ],
  };
}

const BUILDERS: Partial<Record<IntegrationKind, () => DiscoveredSchema>> = {
  postgres: appDatabase,
  mysql: appDatabase,
  shopify,
  google_calendar: googleCalendar,
  google_sheets: googleSheets,
};

/** What discovering this kind finds: a fresh copy each time, as a re-run refreshes it. */
export function discoverProviderSchema(kind: IntegrationKind): DiscoveredSchema {
  const build = BUILDERS[kind];
  if (!build) throw new Error(`no built-in schema for ${kind}`);
  return build();
}
