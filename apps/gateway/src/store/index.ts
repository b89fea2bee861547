export type {
  MentionCursor,
  MentionFilter,
  MentionPage,
  MentionStore,
  MentionOrder,
  UpsertResult,
  AuthorStats,
  SourceStats,
  TimelineBucket,
  TopicVolume,
  RollupWindow,
  TimeInterval,
  StoredApiKey,
} from './mention-store.port.js';
export { SPAM_THRESHOLD } from './mention-store.port.js';
export type { SqlClient, SqlExecutor } from './sql-client.port.js';
export { PgliteClient, type PgliteClientOptions } from './pglite.client.js';
export { PostgresClient, type PostgresClientOptions } from './postgres.client.js';
export { SqlMentionStore, mentionCursor, MAX_UPSERT_BATCH, type SqlMentionStoreOptions } from './sql-mention.store.js';
export { createPgliteMentionStore, createPostgresMentionStore } from './mention-store.factory.js';
export type { Migration } from './migrations/migration.model.js';
export { MIGRATIONS } from './migrations/migration.registry.js';
export { runMigrations, type MigrationReport } from './migrations/migration.runner.js';
