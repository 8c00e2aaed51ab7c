/**
 * The sign-in store's tables. `signins` holds each validated record once: typed columns for
 * what queries filter, order and group on (lower-cased copies where the query compares
 * case-insensitively, computed in JavaScript at ingest so they lower-case exactly as the
 * shared `matches` does), and where the record's text is in its export file (byte offset and
 * length), read back for diagnosis (record-reader.ts says why not the text itself). A CSV
 * export has no JSON to point at: its records are kept as JSON in `json`. `manifest` says
 * which export file (name, size, modification time) the rows came from, so a start ingests
 * only what is new or changed, and a question notices a file changed under it; `problems`
 * keeps the records skipped at ingest, reported on every start; `app_names` the app and
 * resource names each file's sign-ins give, for the parser, so a start need not scan the rows.
 */

/** Bumped when a table changes shape: a store of another version is rebuilt. */
export const SCHEMA_VERSION = '3';

/** The columns of `signins`, in table order: the appender appends in this order. */
export const SIGNIN_COLUMNS = [
  ['t_ms', 'BIGINT NOT NULL'], // createdDateTime as epoch milliseconds (Date.parse)
  ['file', 'VARCHAR NOT NULL'], // the export file's name in the folder
  ['ord', 'INTEGER NOT NULL'], // the record's number in its file: ties on time read later records first, as the folder index does
  ['line', 'INTEGER NOT NULL'],
  ['id', 'VARCHAR NOT NULL'],
  ['id_l', 'VARCHAR NOT NULL'],
  ['original_request_l', 'VARCHAR'],
  ['user_id_l', 'VARCHAR NOT NULL'],
  ['upn_l', 'VARCHAR'],
  ['app_id_l', 'VARCHAR'],
  ['app_name', 'VARCHAR'],
  ['app_name_l', 'VARCHAR'],
  ['resource_id_l', 'VARCHAR'],
  ['resource_name', 'VARCHAR'], // as written, for the names the parser learns (version 2)
  ['resource_name_l', 'VARCHAR'],
  ['ip_l', 'VARCHAR'],
  ['correlation_l', 'VARCHAR'],
  ['error_code', 'INTEGER NOT NULL'],
  ['interactive', 'BOOLEAN'],
  ['flagged', 'BOOLEAN'],
  ['risk', 'VARCHAR'], // riskLevelDuringSignIn
  ['ca_status', 'VARCHAR'], // conditionalAccessStatus
  ['off', 'BIGINT'], // the record's byte span in its export file (JSON files; version 3)
  ['len', 'INTEGER'],
  ['json', 'VARCHAR'], // the record's JSON, for a CSV export only
] as const;

export const CREATE_TABLES = [
  'CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)',
  `CREATE TABLE IF NOT EXISTS signins (${SIGNIN_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`,
  'CREATE TABLE IF NOT EXISTS manifest (file VARCHAR PRIMARY KEY, size BIGINT NOT NULL, mtime_ms DOUBLE NOT NULL, records INTEGER NOT NULL)',
  'CREATE TABLE IF NOT EXISTS problems (file VARCHAR NOT NULL, place VARCHAR NOT NULL, message VARCHAR NOT NULL)',
  'CREATE TABLE IF NOT EXISTS app_names (file VARCHAR NOT NULL, name VARCHAR NOT NULL)',
];

export const DROP_TABLES = [
  'DROP TABLE IF EXISTS signins',
  'DROP TABLE IF EXISTS app_names',
  'DROP TABLE IF EXISTS manifest',
  'DROP TABLE IF EXISTS problems',
  'DROP TABLE IF EXISTS meta',
];
