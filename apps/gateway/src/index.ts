export { GatewayFeature, GATEWAY_GROUP_ID, type GatewayDeps } from './gateway.feature.js';
export { GatewayModule } from './gateway.module.js';
export { gatewaySettingsSchema, gatewaySettings, refineGatewayEnv, distributedSchema as gatewayEnvSchema, type GatewayConfig, type AlertsConfig } from './config/gateway.config.js';
export { publicBaseUrl, dashboardLink } from './config/public-url.js';
export { sha256Hex } from './auth/api-key.service.js';
