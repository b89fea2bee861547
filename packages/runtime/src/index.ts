export { parseEnv, EnvValidationError, envBoolean, envPort, envPositiveInt, envLogLevel } from './config/parse-env.js';
export { createLogger, type Logger } from './logging/logger.js';
export { PulseMetrics } from './metrics/metrics.js';
export { Readiness, type ReadinessCheck, type ReadinessReport } from './health/readiness.js';
export { onShutdownSignal } from './lifecycle/shutdown.js';
