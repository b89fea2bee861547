import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField } from '@nestjs/graphql';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import { AnswerService, type AnswerCategoryInput, type AnswerCategoryView } from './answer.service.js';

@GatewayResolver('AnswerCategory')
export class AnswerResolver {
  constructor(@Inject(AnswerService) private readonly answers: AnswerService) {}

  @Query('answerCategories')
  @RequirePermission('read')
  list() {
    return this.answers.list();
  }

  @Mutation('createAnswerCategory')
  @RequirePermission('handleMentions')
  create(@Args('input') input: AnswerCategoryInput) {
    return this.answers.create(input);
  }

  @Mutation('updateAnswerCategory')
  @RequirePermission('handleMentions')
  update(@Args('id') id: string, @Args('input') input: AnswerCategoryInput) {
    return this.answers.update(id, input);
  }

  @Mutation('deleteAnswerCategory')
  @RequirePermission('handleMentions')
  delete(@Args('id') id: string) {
    return this.answers.delete(id);
  }

  @ResolveField('name')
  name(@Parent() c: AnswerCategoryView) {
    return c.definition.name;
  }

  @ResolveField('patterns')
  patterns(@Parent() c: AnswerCategoryView) {
    return c.definition.patterns;
  }

  @ResolveField('template')
  template(@Parent() c: AnswerCategoryView) {
    return c.definition.template;
  }

  @ResolveField('translations')
  translations(@Parent() c: AnswerCategoryView) {
    return Object.entries(c.definition.templates ?? {}).map(([language, template]) => ({ language, template }));
  }

  @ResolveField('intents')
  intents(@Parent() c: AnswerCategoryView) {
    return c.definition.intents ?? [];
  }
}
