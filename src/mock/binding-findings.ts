import type { FieldError } from '../validation/field-errors.js';
import type { SchemaField, SchemaObject, SchemaOperation } from './discovered-schema.js';
import { isColumnBlocked, type Scoping } from './scoping.js';

/** A binding that passed: its operation and object, and every `table.column` the skill may read or write. */
export interface ValidBinding {
  kind: 'valid';
  operation: SchemaOperation;
  object: SchemaObject;
  touched: string[];
}

export type BindingVerdict =
  | ValidBinding
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'blocked'; errors: FieldError[] };

/**
 * What checking one binding found, field by field: what is wrong (`invalid`), what scoping blocks
 * (`blocked`), and every `table.column` the skill may read or write (`touched`).
 */
export class BindingFindings {
  readonly invalid: FieldError[] = [];
  readonly blocked: FieldError[] = [];
  private readonly touched = new Set<string>();

  constructor(private readonly scoping: Scoping) {}

  refuse(field: string, message: string): void {
    this.invalid.push({ field, message });
  }

  block(field: string, table: string, column?: string): void {
    const what = column === undefined ? `table ${table}` : `${table}.${column}`;
    this.blocked.push({ field, message: `${what} is blocked by the connection's data scoping` });
  }

  /**
   * A column of a table that the request names in `field`: recorded as touched, or refused when the table
   * has no such column, or blocked. The column comes back only when it may be used.
   */
  column(table: SchemaObject, name: string, field: string): SchemaField | undefined {
    const found = table.fields.find((candidate) => candidate.name === name);
    if (!found) this.refuse(field, `${table.name} has no field "${name}"`);
    else if (isColumnBlocked(this.scoping, table.name, name)) this.block(field, table.name, name);
    else {
      this.touched.add(`${table.name}.${name}`);
      return found;
    }
    return undefined;
  }

  verdict(operation: SchemaOperation, object: SchemaObject): BindingVerdict {
    // Scoping is named first: "blocked" tells the author why, where "not bound" would only send them round.
    if (this.blocked.length) return { kind: 'blocked', errors: [...this.blocked, ...this.invalid] };
    if (this.invalid.length) return { kind: 'invalid', errors: this.invalid };
    return { kind: 'valid', operation, object, touched: [...this.touched] };
  }
}
