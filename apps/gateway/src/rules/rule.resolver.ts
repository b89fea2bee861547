import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import type { HelpdeskRoute, RuleInput } from './rule.model.js';
import { RuleService } from './rule.service.js';

// Rules can send mentions to outside systems with credentials, and show helpdesk URLs and
// header names: admins only, for reading as for editing.
@GatewayResolver()
export class RuleResolver {
  constructor(@Inject(RuleService) private readonly rules: RuleService) {}

  @Query('rules')
  @RequirePermission('manageRules')
  list() {
    return this.rules.list();
  }

  @Mutation('createRule')
  @RequirePermission('manageRules')
  create(@Args('input') input: RuleInput) {
    return this.rules.create(input);
  }

  @Mutation('updateRule')
  @RequirePermission('manageRules')
  update(@Args('id') id: string, @Args('input') input: RuleInput) {
    return this.rules.update(id, input);
  }

  @Mutation('deleteRule')
  @RequirePermission('manageRules')
  delete(@Args('id') id: string) {
    return this.rules.delete(id);
  }
}

@Resolver('HelpdeskRoute')
export class HelpdeskRouteResolver {
  @ResolveField('headerNames')
  headerNames(@Parent() h: HelpdeskRoute) {
    return h.headers.map((header) => header.name);
  }

  @ResolveField('signed')
  signed(@Parent() h: HelpdeskRoute) {
    return h.secret !== null;
  }
}
