export { CollectorFeature, type CollectorDeps } from './collector.feature.js';
export { collectorSettingsSchema, collectorSettings, distributedSchema as collectorEnvSchema, type CollectorConfig } from './config/collector.config.js';
export { DEMO_CORPUS } from './demo/demo.source.js';
export type { DemoDesk, DemoDeskAction } from './demo/demo-desk.js';
