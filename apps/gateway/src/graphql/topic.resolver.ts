import type { TopicService } from '../topics/topic.service.js';

export function topicResolvers(topics: TopicService) {
  return {
    Query: {
      topics: () => topics.list(),
    },
    Mutation: {
      createTopic: (_: unknown, args: { input: { name: string; keywords: string[] } }) => topics.create(args.input),
    },
  };
}
