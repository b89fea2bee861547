import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query } from '@nestjs/graphql';
import { GatewayError } from '../errors/gateway.errors.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import type { GatewayContext } from '../graphql/graphql-context.js';
import { ApiKeyService } from './api-key.service.js';
import { RequirePermission } from './require-permission.decorator.js';

@GatewayResolver('ApiKey')
export class ApiKeyResolver {
  constructor(@Inject(ApiKeyService) private readonly keys: ApiKeyService) {}

  @Query('me')
  @RequirePermission('read')
  async me(@Context() ctx: GatewayContext) {
    const key = ctx.principal ? await this.keys.get(ctx.principal.keyId) : null;
    if (!key) throw new GatewayError('UNAUTHENTICATED', 'unknown or revoked API key');
    return key;
  }

  @Query('apiKeys')
  @RequirePermission('manageKeys')
  list() {
    return this.keys.list();
  }

  @Mutation('createApiKey')
  @RequirePermission('manageKeys')
  create(@Args('input') input: { name: string; role: string }) {
    return this.keys.create(input);
  }

  @Mutation('revokeApiKey')
  @RequirePermission('manageKeys')
  revoke(@Args('id') id: string) {
    return this.keys.revoke(id);
  }
}
