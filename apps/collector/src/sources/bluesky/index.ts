export {
  BlueskyJetstreamConnector,
  blueskyEnvSchema,
  createBlueskyConnectors,
  type BlueskyCheckpoint,
  type BlueskyConnectorOptions,
  type BlueskyEnv,
} from './bluesky-jetstream.connector.js';
export { StreamBatches } from './stream-batches.js';
