export {
  createRedditConnectors,
  redditEnvSchema,
  redditQueries,
  redditHttpOptions,
  RedditSearchConnector,
  type RedditCheckpoint,
  type RedditConnectorOptions,
  type RedditCursor,
  type RedditEnv,
} from './reddit-search.connector.js';
