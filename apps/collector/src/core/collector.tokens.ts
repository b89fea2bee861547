import type { Bus } from '@pulse/bus';
import type { Logger, PulseMetrics, Readiness } from '@pulse/runtime';
import type { CollectorConfig } from '../config/collector.config.js';
import type { DemoDesk } from '../demo/demo-desk.js';

/** What a host hands the collector: shared with the other apps in embedded mode. */
export interface CollectorDeps {
  bus: Bus;
  config: CollectorConfig;
  logger: Logger;
  metrics: PulseMetrics;
  readiness: Readiness;
  /** Quality windows' time source; tests inject one. */
  clock?: () => number;
  /** Where the demo's support agents record their past work (the embedded host's workflow); none in the collector alone. */
  demoDesk?: DemoDesk;
}

// Injection tokens for what is not a class of ours (emitDecoratorMetadata is off: every provider names its inputs).
// Distinct from the gateway's and sentiment's: in embedded mode all three core modules are global in one app.
export const BUS = Symbol('pulse.collector.bus');
export const CONFIG = Symbol('pulse.collector.config');
export const LOGGER = Symbol('pulse.collector.logger');
export const METRICS = Symbol('pulse.collector.metrics');
export const READINESS = Symbol('pulse.collector.readiness');
export const CLOCK = Symbol('pulse.collector.clock');
export const DEMO_DESK = Symbol('pulse.collector.demo-desk');

export type Clock = () => number;

/** The `app` label of the collector's metrics. */
export const METRICS_APP = 'collector';
