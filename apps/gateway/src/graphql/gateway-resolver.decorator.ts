import { UseFilters, UseGuards, applyDecorators } from '@nestjs/common';
import { Resolver } from '@nestjs/graphql';
import { PermissionGuard } from '../auth/permission.guard.js';
import { GatewayExceptionFilter } from '../errors/gateway-exception.filter.js';
import { ArgumentGuard } from '../validation/argument.guard.js';

/**
 * A Nest resolver for a schema type (schema-first: `schema.graphql` is the contract), with the
 * gateway's permission guard, argument checks (validation/argument.guard.ts) and exception
 * filter on its root fields. Scoped to the gateway's
 * resolvers rather than global, because in embedded mode the collector's HTTP routes share the app.
 */
export const GatewayResolver = (typeName?: string): ClassDecorator =>
  applyDecorators(typeName ? Resolver(typeName) : Resolver(), UseGuards(PermissionGuard, ArgumentGuard), UseFilters(GatewayExceptionFilter));
