import { param, type Effect, type SkillParameter } from './skill-body.js';
import type { IntegrationKind } from './types.js';

/** A preset skill of a provider's Connector Pack: installed as it is, under its own name. */
export interface PackPreset {
  readonly name: string;
  readonly description: string;
  readonly effect: Effect;
  readonly parameters: readonly SkillParameter[];
}

// The providers that ship a Connector Pack; the catalog's `hasPack` is whether a kind is listed here.
// Google Calendar and Shopify have actions too: each pack is a ready set of skills built on the same provider
// (for the calendar, a booking flow). Preset names are not action tool names, so a
// pack installed beside provisioned actions adds its own skills.
const PACKS: Partial<Record<IntegrationKind, readonly PackPreset[]>> = {
  google_calendar: [
    {
      name: 'google_calendar_next_free_slot',
      description: 'Offer the next free appointment slot after a given time.',
      effect: 'read',
      parameters: [param('after', 'datetime', false, 'The earliest start to offer (default: now).'), param('durationMinutes', 'integer', false, 'How long the appointment lasts.')],
    },
    {
      name: 'google_calendar_book_appointment',
      description: 'Book an appointment for the caller in a free slot.',
      effect: 'create',
      parameters: [param('start', 'datetime', true, 'When the appointment begins.'), param('name', 'string', true, "The caller's name."), param('phone', 'string', false, 'A number to reach the caller on.')],
    },
    {
      name: 'google_calendar_cancel_appointment',
      description: "Cancel the caller's appointment.",
      effect: 'change',
      parameters: [param('start', 'datetime', true, 'When the appointment to cancel begins.'), param('name', 'string', true, 'The name it was booked under.')],
    },
  ],
  shopify: [
    {
      name: 'shopify_order_status',
      description: "Look up an order's status by its number.",
      effect: 'read',
      parameters: [param('orderNumber', 'string', true, 'The order number, such as #1001.'), param('email', 'string', false, "The buyer's e-mail, to confirm the order is theirs.")],
    },
    {
      name: 'shopify_find_customer',
      description: 'Find a customer by their e-mail address.',
      effect: 'read',
      parameters: [param('email', 'string', true, "The customer's e-mail address.")],
    },
    {
      name: 'shopify_product_availability',
      description: 'Tell whether a product is in stock, and its price.',
      effect: 'read',
      parameters: [param('query', 'string', true, 'Words of the product title.')],
    },
  ],
};

export function presetsOf(kind: IntegrationKind): readonly PackPreset[] {
  return PACKS[kind] ?? [];
}
