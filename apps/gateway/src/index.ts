export { GatewayFeature, GATEWAY_GROUP_ID, type GatewayDeps } from './gateway.feature.js';
export { gatewaySettingsSchema, gatewaySettings, type GatewayConfig } from './config/gateway.config.js';
