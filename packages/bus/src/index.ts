export type { Bus, BusMessage, BusTopic, BatchHandler, PublishOptions, SubscribeOptions } from './core/bus.port.js';
export { DEFAULT_RETRY, type RetryPolicy } from './core/batch-processor.js';
export { decodeMessage, encodeMessage } from './core/message-codec.js';
export { isTransientError } from './core/transient-error.js';
export { Coalescer } from './core/coalescer.js';
