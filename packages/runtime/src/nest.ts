export { OpsModule } from './nest/ops.module.js';
export { OpsController } from './nest/ops.controller.js';
export { httpTransportFromEnv, type HttpTransport } from './nest/http-transport.js';
