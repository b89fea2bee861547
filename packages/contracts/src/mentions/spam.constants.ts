/**
 * A mention whose spam score is at or above this is hidden from default queries and left out
 * of the analytics rollups. One definition: the collector's scorer, the gateway's SQL and live
 * filters and the rules engine all import it (migration 0002's generated column states it in SQL
 * and a contracts spec checks that they agree).
 */
export const SPAM_THRESHOLD = 0.5;
