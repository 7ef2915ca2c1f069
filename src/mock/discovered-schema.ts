/** The normalized schema discovery produces (the contract's `DiscoveredSchema`). */
export interface SchemaField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
  nullable: boolean;
  primaryKey: boolean;
  indexed: boolean;
  /** A unique key other than the primary key: what a SQL update-by-key may find its row by. */
  unique: boolean;
  piiClass: string | null;
}

export interface SchemaRelationship {
  field: string;
  target: string;
  targetField: string;
}

export type Capability = 'read' | 'search' | 'create' | 'update';

export interface SchemaObject {
  name: string;
  label: string;
  capabilities: Capability[];
  fields: SchemaField[];
  relationships: SchemaRelationship[];
}

export interface SchemaOperationArgument {
  name: string;
  field: string;
  required: boolean;
}

export interface SchemaOperation {
  name: string;
  object: string;
  type: 'read' | 'write';
  description: string;
  arguments: SchemaOperationArgument[];
}

export interface DiscoveredSchema {
  objects: SchemaObject[];
  operations: SchemaOperation[];
}

/** An update finds an existing row (by its key) and changes it: discovery names every update `update…`. */
export function isUpdateOperation(operation: SchemaOperation): boolean {
  return operation.type === 'write' && /^update/i.test(operation.name);
}
