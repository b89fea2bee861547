import type { OwnAccount } from '@pulse/contracts';

/**
 * The support accounts of two seeded brands, so the demo (apps/collector/src/demo/demo-world.ts
 * writes as these handles) shows direct mentions and answers given in the channel counting as
 * responses. A real install edits a topic's own accounts with updateTopic.
 */
export const DEMO_OWN_ACCOUNTS: Readonly<Record<string, readonly OwnAccount[]>> = {
  mts: (['vk', 'telegram', 'twitter'] as const).map((source) => ({ source, handle: 'mts_support' })),
  beeline: (['vk', 'telegram', 'twitter'] as const).map((source) => ({ source, handle: 'beeline_help' })),
};
