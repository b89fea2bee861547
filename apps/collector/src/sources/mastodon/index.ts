export {
  createMastodonConnectors,
  hashtagsFromTopics,
  mastodonEnvSchema,
  mastodonHttpOptions,
  MastodonHashtagConnector,
  type MastodonCheckpoint,
  type MastodonConnectorOptions,
  type MastodonEnv,
} from './mastodon-hashtag.connector.js';
