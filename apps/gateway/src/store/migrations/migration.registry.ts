import { initMigration } from './0001-init.migration.js';
import type { Migration } from './migration.model.js';

/** Every migration, in version order. Append only. */
export const MIGRATIONS: readonly Migration[] = [initMigration];
