import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GatewayContext } from '../graphql/graphql-context.js';
import { authorize, type Permission } from './permissions.js';
import { PERMISSION_METADATA } from './require-permission.decorator.js';

/**
 * Authorisation for every root field, over HTTP and WebSocket alike: the caller (authenticated
 * before GraphQL runs, see auth.middleware and the graphql-ws onConnect) must hold the field's
 * permission. Throws our FORBIDDEN / UNAUTHENTICATED, mapped by the exception filter.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const permission = this.reflector.get<Permission | undefined>(PERMISSION_METADATA, context.getHandler());
    if (!permission) {
      const info = gql.getInfo<{ parentType: { name: string }; fieldName: string }>();
      throw new Error(`${info.parentType.name}.${info.fieldName} has no @RequirePermission`);
    }
    authorize(gql.getContext<GatewayContext>().principal, permission);
    return true;
  }
}
