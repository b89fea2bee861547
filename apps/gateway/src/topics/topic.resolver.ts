import { Inject } from '@nestjs/common';
import { Args, Mutation, Query } from '@nestjs/graphql';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import { TopicService, type TopicInput, type TopicPatch } from './topic.service.js';

@GatewayResolver('Topic')
export class TopicResolver {
  constructor(@Inject(TopicService) private readonly topics: TopicService) {}

  @Query('topics')
  @RequirePermission('read')
  list() {
    return this.topics.list();
  }

  @Query('topic')
  @RequirePermission('read')
  one(@Args('id') id: string) {
    return this.topics.get(id);
  }

  @Mutation('createTopic')
  @RequirePermission('manageTopics')
  create(@Args('input') input: TopicInput) {
    return this.topics.create(input);
  }

  @Mutation('updateTopic')
  @RequirePermission('manageTopics')
  update(@Args('id') id: string, @Args('input') input: TopicPatch) {
    return this.topics.update(id, input);
  }

  @Mutation('pauseTopic')
  @RequirePermission('manageTopics')
  pause(@Args('id') id: string) {
    return this.topics.setStatus(id, 'paused');
  }

  @Mutation('resumeTopic')
  @RequirePermission('manageTopics')
  resume(@Args('id') id: string) {
    return this.topics.setStatus(id, 'active');
  }

  @Mutation('deleteTopic')
  @RequirePermission('manageTopics')
  delete(@Args('id') id: string) {
    return this.topics.setStatus(id, 'deleted');
  }
}
