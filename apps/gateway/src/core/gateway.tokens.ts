import type { Bus } from '@pulse/bus';
import type { Logger, PulseMetrics, Readiness } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';

/** What a host hands the gateway: shared with the other apps in embedded mode. */
export interface GatewayDeps {
  bus: Bus;
  config: GatewayConfig;
  logger: Logger;
  metrics: PulseMetrics;
  readiness: Readiness;
  /** Alerts' and workflow's time source; tests inject one. */
  clock?: () => number;
}

// Injection tokens for what is not a class of ours (emitDecoratorMetadata is off: every provider names its inputs).
export const BUS = Symbol('pulse.gateway.bus');
export const CONFIG = Symbol('pulse.gateway.config');
export const LOGGER = Symbol('pulse.gateway.logger');
export const METRICS = Symbol('pulse.gateway.metrics');
export const READINESS = Symbol('pulse.gateway.readiness');
export const CLOCK = Symbol('pulse.gateway.clock');
export const DATABASE = Symbol('pulse.gateway.database');

export type Clock = () => number;
