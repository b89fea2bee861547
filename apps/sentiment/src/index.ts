export { SentimentFeature, SENTIMENT_GROUP_ID, type SentimentDeps } from './sentiment.feature.js';
export { sentimentSettingsSchema, sentimentSettings, distributedSchema as sentimentEnvSchema, type SentimentConfig } from './config/sentiment.config.js';
export type { SentimentModel } from './model/sentiment-model.port.js';
export { TransformersSentimentModel, BUNDLED_MODEL_DIR } from './model/transformers-sentiment.model.js';
export { ScoringService } from './scoring/scoring.service.js';
// What the training workspace (tools/sentiment-training) shares with the runtime: the model's input
// preparation, label parsing, brand marking and the classify command, so a trained model reads
// exactly what the app feeds it.
export { SOCIAL_NORMALIZATION, prepareSocialInput } from './model/model-input.js';
export { parseLabelMap } from './model/label-map.js';
export { markTargetBrand } from './targeting/target-brand.marker.js';
export { runClassify } from './cli/classify.command.js';
export { PULSE_SENTIMENT_BIN } from './cli/cli-bin.js';
