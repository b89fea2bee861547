import { randomUUID } from 'node:crypto';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { ApiKeyService } from './api-key.service.js';
import type { LiveSessions } from './live-sessions.js';

/**
 * Every replica reads key changes (its own consumer group, from the end): a revoked key's
 * cached verdict is dropped and its open WebSocket sessions on this replica are closed,
 * whichever replica revoked it.
 */
export class KeyRevocationRelay implements OnApplicationBootstrap {
  constructor(
    private readonly bus: Bus,
    private readonly keys: ApiKeyService,
    private readonly sessions: LiveSessions,
    private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({
      topic: TOPICS.apiKeys,
      groupId: `pulse-gateway-keys-${randomUUID().slice(0, 8)}`,
      fromBeginning: false,
      ephemeral: true,
      // Revocations are rare; a quarter second to close a revoked key's sockets costs nothing, polling faster costs CPU.
      maxWaitMs: 250,
      handler: async (batch) => {
        for (const { value: key } of batch) {
          if (!key.revoked) continue;
          this.keys.forget(key.sha256);
          const closed = this.sessions.closeKey(key.id);
          if (closed > 0) this.logger.info({ keyId: key.id, sessions: closed }, 'closed the live sessions of a revoked key');
        }
      },
    });
  }
}
