export { parseEnv, EnvValidationError, envBoolean, envPort, envPositiveInt, envLogLevel } from './config/parse-env.js';
export { createLogger, type Logger } from './logging/logger.js';
export { PulseMetrics } from './metrics/metrics.js';
export { Readiness, type ReadinessCheck, type ReadinessReport } from './health/readiness.js';
export { onShutdownSignal } from './lifecycle/shutdown.js';
export { tlsEnvSchema, refineTlsEnv, type TlsEnv } from './tls/tls.env.js';
export { loadTlsOptions, watchTlsFiles, tlsFilesFromEnv, TLS12_CIPHERS, type TlsFiles } from './tls/tls-files.js';
export { isLoopbackAddress, warnIfPlaintextExposed, hstsMiddleware, answerClientErrorsWithEnvelope } from './tls/transport-security.js';
export { postgresSslEnvSchema, refinePostgresSslEnv, postgresSslOptions, type PostgresSslEnv } from './tls/postgres-ssl.js';
