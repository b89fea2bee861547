import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { AlertService } from './alerts/alert.service.js';
import { ApiKeysBootstrap } from './auth/auth.module.js';
import type { GatewayDeps } from './core/gateway.tokens.js';
import { GatewayModule } from './gateway.module.js';
import { MentionFeed } from './live/mention-feed.js';
import { WorkflowFeed } from './live/workflow-feed.js';
import { WorkflowService } from './workflow/workflow.service.js';

export type { GatewayDeps } from './core/gateway.tokens.js';
export { GATEWAY_GROUP_ID } from './scored-stream/scored-mention.consumer.js';

/**
 * What a host needs from the gateway: its Nest module (composed into the host's app) and,
 * once the app is initialised, a few of its objects. Start-up and drain are Nest lifecycle
 * hooks inside the modules; the host starts the bus before `app.init()` and closes the app.
 */
export class GatewayFeature {
  private app: INestApplicationContext | undefined;

  constructor(private readonly deps: GatewayDeps) {}

  nestModule(): DynamicModule {
    return GatewayModule.forRoot(this.deps);
  }

  /** Call after `app.init()` (or `listen`). */
  attach(app: INestApplicationContext): void {
    this.app = app;
  }

  /** Set when this start created the first admin key: the host prints it once. */
  get initialAdminKey(): string | undefined {
    return this.get(ApiKeysBootstrap).initialAdminKey;
  }

  get alerts(): AlertService {
    return this.get(AlertService);
  }

  get feed(): MentionFeed {
    return this.get(MentionFeed);
  }

  /** The support workflow, for a host replaying past handling (the embedded demo's agents: `changeAt`). */
  get workflow(): WorkflowService {
    return this.get(WorkflowService);
  }

  get workflowFeed(): WorkflowFeed {
    return this.get(WorkflowFeed);
  }

  private get<T>(type: new (...args: never[]) => T): T {
    if (!this.app) throw new Error('GatewayFeature.attach(app) must be called after the Nest app is initialised');
    return this.app.get(type, { strict: false });
  }
}
