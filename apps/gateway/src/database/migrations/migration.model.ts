/**
 * A schema change, kept as SQL inside a TypeScript module so it ships in the `tsc` output
 * and needs no file lookup at runtime. Applied migrations are never edited: add a new one.
 */
export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  name: string;
  /** One or more statements; runs inside the migration's transaction. */
  sql: string;
}
