import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { CollectorModule } from './collector.module.js';
import type { CollectorDeps } from './core/collector.tokens.js';
import { IngestService } from './ingest/ingest.service.js';
import { KeyRegistry } from './keys/key-registry.service.js';
import { TopicRegistry } from './topics/topic-registry.service.js';

export type { CollectorDeps } from './core/collector.tokens.js';

/**
 * What a host needs from the collector: its Nest module (composed into the host's app) and,
 * once the app is initialised, a few of its objects. Start-up and drain are Nest lifecycle
 * hooks inside the modules; the host starts the bus before `app.init()` and closes the app.
 */
export class CollectorFeature {
  private app: INestApplicationContext | undefined;

  constructor(private readonly deps: CollectorDeps) {}

  nestModule(): DynamicModule {
    return CollectorModule.forRoot(this.deps);
  }

  /** Call after `app.init()` (or `listen`). */
  attach(app: INestApplicationContext): void {
    this.app = app;
  }

  get ingest(): IngestService {
    return this.get(IngestService);
  }

  get keys(): KeyRegistry {
    return this.get(KeyRegistry);
  }

  get topics(): TopicRegistry {
    return this.get(TopicRegistry);
  }

  private get<T>(type: new (...args: never[]) => T): T {
    if (!this.app) throw new Error('CollectorFeature.attach(app) must be called after the Nest app is initialised');
    return this.app.get(type, { strict: false });
  }
}
