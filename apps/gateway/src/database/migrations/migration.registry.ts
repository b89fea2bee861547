import { initMigration } from './0001-init.migration.js';
import { analyticsMigration } from './0002-analytics.migration.js';
import { workflowMigration } from './0003-workflow.migration.js';
import { topicToneMigration } from './0004-topic-tone.migration.js';
import { repliesMigration } from './0005-replies.migration.js';
import { leakWatchMigration } from './0006-leak-watch.migration.js';
import { authorRollupsMigration } from './0007-author-rollups.migration.js';
import { dayRollupsMigration } from './0008-day-rollups.migration.js';
import type { Migration } from './migration.model.js';

/** Every migration, in version order. Append only. */
export const MIGRATIONS: readonly Migration[] = [initMigration, analyticsMigration, workflowMigration, topicToneMigration, repliesMigration, leakWatchMigration, authorRollupsMigration, dayRollupsMigration];
