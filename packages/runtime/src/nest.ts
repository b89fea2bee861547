export { OpsModule } from './nest/ops.module.js';
export { OpsController } from './nest/ops.controller.js';
