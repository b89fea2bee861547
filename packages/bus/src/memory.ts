export { MemoryBus, type MemoryBusOptions } from './memory/memory.bus.js';
