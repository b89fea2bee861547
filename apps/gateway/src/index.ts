export { GatewayFeature, GATEWAY_GROUP_ID, type GatewayDeps } from './gateway.feature.js';
export { gatewaySettingsSchema, gatewaySettings, refineGatewayEnv, type GatewayConfig, type AlertsConfig } from './config/gateway.config.js';
export { sha256Hex } from './auth/api-key.service.js';
export type { QueryLanguage, QueryValidator, SearchCompiler } from './query/query-language.port.js';
