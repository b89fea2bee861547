export { SentimentFeature, SENTIMENT_GROUP_ID, type SentimentDeps } from './sentiment.feature.js';
export { sentimentSettingsSchema, sentimentSettings, type SentimentConfig } from './config/sentiment.config.js';
export type { SentimentModel } from './model/sentiment-model.port.js';
export { TransformersSentimentModel, BUNDLED_MODEL_DIR } from './model/transformers-sentiment.model.js';
export { ScoringService } from './scoring/scoring.service.js';
