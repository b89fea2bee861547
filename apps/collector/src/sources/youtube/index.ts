export {
  createYoutubeConnectors,
  searchTerms,
  YoutubeCommentsConnector,
  youtubeEnvSchema,
  youtubeHttpOptions,
  type YoutubeCheckpoint,
  type YoutubeConnectorOptions,
  type YoutubeCursor,
  type YoutubeEnv,
} from './youtube-comments.connector.js';
