import { randomBase64url } from './random.js';

export interface SqlScripts {
  readOnly: { role: string; sql: string };
  /** The write role has a password of its own: the read-only credential stored in Flowyte must not open it. */
  write?: { role: string; sql: string; tables: string[]; generatedPassword: string };
  generatedPassword: string;
}

/**
 * Least-privilege setup SQL. `database` and `tables` are validated SQL identifiers (the contract's
 * pattern), so they are safe to quote into the scripts; the password is base64url, with no quote in it.
 */
export function buildSqlScripts(dialect: 'postgres' | 'mysql', database: string, tables: readonly string[]): SqlScripts {
  const password = newPassword();
  return dialect === 'postgres' ? postgres(database, tables, password, newPassword()) : mysql(database, tables, password, newPassword());
}

function newPassword(): string {
  return randomBase64url(24);
}

function postgres(database: string, tables: readonly string[], password: string, writePassword: string): SqlScripts {
  const readOnly = [
    `CREATE ROLE flowyte_ro WITH LOGIN PASSWORD '${password}';`,
    `ALTER ROLE flowyte_ro SET default_transaction_read_only = on;`,
    `GRANT CONNECT ON DATABASE "${database}" TO flowyte_ro;`,
    `GRANT USAGE ON SCHEMA public TO flowyte_ro;`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO flowyte_ro;`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO flowyte_ro;`,
  ].join('\n');
  const scripts: SqlScripts = { readOnly: { role: 'flowyte_ro', sql: readOnly }, generatedPassword: password };
  if (tables.length > 0) {
    const write = [
      `CREATE ROLE flowyte_rw WITH LOGIN PASSWORD '${writePassword}' IN ROLE flowyte_ro;`,
      `ALTER ROLE flowyte_rw SET default_transaction_read_only = off;`,
      ...tables.map((table) => `GRANT INSERT, UPDATE ON TABLE public."${table}" TO flowyte_rw;`),
    ].join('\n');
    scripts.write = { role: 'flowyte_rw', sql: write, tables: [...tables], generatedPassword: writePassword };
  }
  return scripts;
}

function mysql(database: string, tables: readonly string[], password: string, writePassword: string): SqlScripts {
  const readOnly = [
    `CREATE USER 'flowyte_ro'@'%' IDENTIFIED BY '${password}' REQUIRE SSL;`,
    `GRANT SELECT ON \`${database}\`.* TO 'flowyte_ro'@'%';`,
  ].join('\n');
  const scripts: SqlScripts = { readOnly: { role: 'flowyte_ro', sql: readOnly }, generatedPassword: password };
  if (tables.length > 0) {
    const write = [
      `CREATE USER 'flowyte_rw'@'%' IDENTIFIED BY '${writePassword}' REQUIRE SSL;`,
      `GRANT SELECT ON \`${database}\`.* TO 'flowyte_rw'@'%';`,
      ...tables.map((table) => `GRANT INSERT, UPDATE ON \`${database}\`.\`${table}\` TO 'flowyte_rw'@'%';`),
    ].join('\n');
    scripts.write = { role: 'flowyte_rw', sql: write, tables: [...tables], generatedPassword: writePassword };
  }
  return scripts;
}
