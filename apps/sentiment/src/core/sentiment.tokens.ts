import type { Bus } from '@pulse/bus';
import type { Logger, PulseMetrics, Readiness } from '@pulse/runtime';
import type { SentimentConfig } from '../config/sentiment.config.js';
import type { SentimentModel } from '../model/sentiment-model.port.js';

/** What a host hands the sentiment app: shared with the other apps in embedded mode. */
export interface SentimentDeps {
  bus: Bus;
  config: SentimentConfig;
  logger: Logger;
  metrics: PulseMetrics;
  readiness: Readiness;
  /** A ready model (tests, benchmarks); otherwise the configured ones are loaded. */
  model?: SentimentModel;
}

// Injection tokens for what is not a class of ours (emitDecoratorMetadata is off: every provider names its inputs).
// Distinct from the gateway's and the collector's: in embedded mode all three core modules are global in one app.
export const BUS = Symbol('pulse.sentiment.bus');
export const CONFIG = Symbol('pulse.sentiment.config');
export const LOGGER = Symbol('pulse.sentiment.logger');
export const METRICS = Symbol('pulse.sentiment.metrics');
export const READINESS = Symbol('pulse.sentiment.readiness');
/** The host's ready model, or null to load the configured ones. */
export const GIVEN_MODEL = Symbol('pulse.sentiment.given-model');
