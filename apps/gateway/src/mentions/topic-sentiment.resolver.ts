import { Parent, ResolveField } from '@nestjs/graphql';
import type { TopicSentiment } from '@pulse/contracts';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';

/**
 * The rule behind a topic's tone, served from the stored mention (`sentiment.byTopic[].explain`
 * is part of the payload, so no column or migration is needed). `explain` resolves by default;
 * `rule` is its name alone, for lists and exports that need no more.
 */
@GatewayResolver('TopicSentiment')
export class TopicSentimentResolver {
  @ResolveField('rule')
  rule(@Parent() tone: TopicSentiment): string | null {
    return tone.explain?.rule ?? null;
  }
}
