import { columnKey, joinsOf, pickOne, readBindings, rotate, touchedBy, unusedName, writeBindings, type BindingBody, type BoundOperation } from './bindings.js';
import type { SchemaView } from './discovered.js';

// The probes of binding_refusals: bindings valid on the target's own discovered schema but for one thing each.

/** What each probe breaks in a binding that is valid on the target's own schema, one thing each. */
export const PROBES = {
  unknownOperation: 'an unknown operation',
  unknownArgument: 'an unknown argument in inputs',
  unknownField: 'an unknown field in projection',
  foreignField: 'a field of another object in projection',
  joinOnPlainField: 'a join on a field that is not a relationship',
  joinOntoMissingColumn: 'a join onto a column its target lacks',
  personalDataWrite: 'a personal-data column in a write',
  blockedColumn: 'a blocked column',
  blockedTable: 'a blocked table',
} as const;
export type ProbeId = keyof typeof PROBES;
export const PROBE_IDS = Object.keys(PROBES) as ProbeId[];

/**
 * Probes a run sends: few, so that the runs stay short (each costs a connect, a discovery and a schema read
 * first). Each run takes them in an order fast-check draws, skipping those its schema cannot carry, so that
 * every run sends as many and over the runs each probe is sent as often.
 */
export const PROBES_PER_RUN = 3;

/** A probe's binding, and the unbroken binding sent beside it when only the target can tell whether that one is valid. */
export interface Probe {
  readonly id: ProbeId;
  readonly body: BindingBody;
  /** A SQL write's form (insert, or update by key): the probe counts only if the target accepts this one. */
  readonly base?: BindingBody;
  /** Tables and columns scoping must leave alone for the unbroken binding to stay valid. */
  readonly touched: { tables: string[]; columns: string[] };
}

type Blocking = 'blockedColumn' | 'blockedTable';
export const isBlocking = (id: ProbeId): id is Blocking => id === 'blockedColumn' || id === 'blockedTable';

export interface Plan {
  probes: Probe[];
  missing: Array<[ProbeId, string]>;
  scoping?: { blockedTables: string[]; blockedColumns: Record<string, string[]> };
}

/**
 * The first PROBES_PER_RUN probes of `order` that this schema can carry. The blocked column and table are chosen
 * last, away from everything the other probes bind, so that the scoping breaks only the probe meant to meet it.
 */
export function planProbes(schema: SchemaView, sql: boolean, order: readonly ProbeId[], pick: number, toolName: () => string): Plan {
  const plan: Plan = { probes: [], missing: [] };
  // Each probe takes the first read that can carry it, from the one `pick` chooses.
  const rotated = rotate(readBindings(schema, '', sql), pick);
  const blocking: Blocking[] = [];
  let taken = 0;
  for (const id of order) {
    if (taken === PROBES_PER_RUN) break;
    if (isBlocking(id)) {
      blocking.push(id);
      taken++;
      continue;
    }
    const built = BUILDERS[id](schema, sql, rotated, pick);
    if (typeof built === 'string') {
      plan.missing.push([id, built]);
      continue;
    }
    taken++;
    plan.probes.push(...built.map((probe) => ({ ...probe, body: { ...probe.body, toolName: toolName() }, ...(probe.base ? { base: { ...probe.base, toolName: toolName() } } : {}) })));
  }
  const tables = new Set(plan.probes.flatMap((probe) => probe.touched.tables));
  const columns = new Set(plan.probes.flatMap((probe) => probe.touched.columns));
  const blockedColumns: Record<string, string[]> = {};
  const blockedTables: string[] = [];
  if (blocking.includes('blockedColumn')) {
    const found = rotated.flatMap((read) => {
      const own = touchedBy(schema, read.body).columns;
      const free = read.object.fields.filter((f) => !columns.has(columnKey(read.object.name, f.name)) && !own.includes(columnKey(read.object.name, f.name)));
      return free.length ? [{ read, column: pickOne(free, pick)!.name }] : [];
    })[0];
    if (!found) plan.missing.push(['blockedColumn', 'no read leaves a column of its object that the other probes do not use']);
    else {
      const { read, column } = found;
      blockedColumns[read.object.name] = [column];
      tables.add(read.object.name);
      const body = { ...read.body, toolName: toolName(), projection: [...read.body.projection!, { path: [column], leaf: 'blocked' }] };
      plan.probes.push({ id: 'blockedColumn', body, touched: { tables: [], columns: [] } });
    }
  }
  if (blocking.includes('blockedTable')) {
    const read = rotated.find((candidate) => !tables.has(candidate.object.name));
    if (!read) plan.missing.push(['blockedTable', 'no object with a read is left beside the ones the other probes use']);
    else {
      blockedTables.push(read.object.name);
      plan.probes.push({ id: 'blockedTable', body: { ...read.body, toolName: toolName() }, touched: { tables: [], columns: [] } });
    }
  }
  if (blockedTables.length || Object.keys(blockedColumns).length) plan.scoping = { blockedTables, blockedColumns };
  return plan;
}

/** A probe's bindings (a SQL write's two forms: two), or why this schema cannot carry it. */
type Built = Probe[] | string;
/** Builds a probe from the schema's reads, the first carrying it; the toolNames are given afterwards. */
type Builder = (schema: SchemaView, sql: boolean, reads: readonly BoundOperation[], pick: number) => Built;

/** The read with `path` added to its projection, as a probe of `id`; `also`, a column of another object it names. */
function projecting(id: ProbeId, schema: SchemaView, read: BoundOperation, path: string[], also?: { table: string; column: string }): Built {
  const body = { ...read.body, projection: [...read.body.projection!, { path, leaf: 'probe' }] };
  const { tables, columns } = touchedBy(schema, read.body);
  return [{ id, body, touched: also ? { tables: [...tables, also.table], columns: [...columns, columnKey(also.table, also.column)] } : { tables, columns } }];
}

const NO_READ = 'the discovered schema has no read to bind';

const BUILDERS: Record<Exclude<ProbeId, Blocking>, Builder> = {
  unknownOperation: (schema, _, reads) => {
    const read = reads[0];
    if (!read) return NO_READ;
    const operation = unusedName('flowyte_no_such_operation', schema.operations.map((op) => op.name));
    return [{ id: 'unknownOperation', body: { ...read.body, operation }, touched: touchedBy(schema, read.body) }];
  },
  unknownArgument: (schema, sql, reads) => {
    if (sql) return 'a postgres/mysql read filters through sqlSearch with inputs empty, so an argument in inputs would break two rules';
    const read = reads[0];
    if (!read) return NO_READ;
    const argument = unusedName('flowyte_no_such_argument', read.operation.arguments.map((a) => a.name));
    const body = { ...read.body, inputs: [...(read.body.inputs ?? []), { param: 'probe_value', argument }] };
    return [{ id: 'unknownArgument', body, touched: touchedBy(schema, read.body) }];
  },
  unknownField: (schema, _, reads) => (reads[0] ? projecting('unknownField', schema, reads[0], [unusedName('flowyte_no_such_field', schema.objects.flatMap((o) => [...o.fields.map((f) => f.name), ...(o.relationships ?? []).map((r) => r.field)]))]) : NO_READ),
  foreignField: (schema, _, reads) => {
    for (const read of reads) {
      const own = new Set([...read.object.fields.map((f) => f.name), ...(read.object.relationships ?? []).map((r) => r.field)]);
      const other = schema.objects.flatMap((o) => (o === read.object ? [] : o.fields.filter((f) => !own.has(f.name)).map((f) => ({ table: o.name, column: f.name }))))[0];
      if (other) return projecting('foreignField', schema, read, [other.column], other);
    }
    return 'no object has a field that a read of another object lacks';
  },
  joinOnPlainField: (schema, _, reads) => {
    for (const read of reads.filter((r) => Array.isArray(r.object.relationships))) {
      const related = new Set(read.object.relationships!.map((r) => r.field));
      const plain = read.object.fields.find((f) => !related.has(f.name));
      // Onto a column some object has, so that only the first step is wrong.
      const onto = schema.objects.filter((o) => o !== read.object && o.fields.length).map((o) => ({ table: o.name, column: o.fields[0]!.name }))[0];
      if (plain && onto) return projecting('joinOnPlainField', schema, read, [plain.name, onto.column], onto);
    }
    return 'no read has a field that is not a relationship, beside another object';
  },
  joinOntoMissingColumn: (schema, _, reads) => {
    for (const read of reads) {
      const join = joinsOf(schema, read.object)[0];
      if (!join) continue;
      const column = unusedName('flowyte_no_such_column', join.target.fields.map((f) => f.name));
      return projecting('joinOntoMissingColumn', schema, read, [join.field, column], { table: join.target.name, column: join.targetField });
    }
    return 'no read is on an object with a relationship into the schema';
  },
  personalDataWrite: (schema, sql, _, pick) => {
    const writes = writeBindings(schema, 'probe', sql, false).flatMap((write) => {
      const bound = new Set(write.forms[0]!.inputObjectMap!.map((entry) => entry.field));
      const field = write.operation.arguments.find((a) => !a.required && !bound.has(a.field) && typeof write.object.fields.find((f) => f.name === a.field)?.piiClass === 'string');
      return field ? [{ write, field: field.field }] : [];
    });
    const chosen = pickOne(writes, pick);
    if (!chosen) return 'no write whose required fields are marked piiClass null has an optional field with a piiClass';
    return chosen.write.forms.map((form) => {
      const body = { ...form, inputObjectMap: [...form.inputObjectMap!, { field: chosen.field, param: 'probe_value' }] };
      // A SQL write's two forms: only the target knows which is valid, so each goes with its unbroken form.
      return { id: 'personalDataWrite' as const, body, ...(sql ? { base: form } : {}), touched: touchedBy(schema, body) };
    });
  },
};
