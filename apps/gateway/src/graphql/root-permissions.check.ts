import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { GraphQLSchema } from 'graphql';
import { PERMISSION_METADATA } from '../auth/require-permission.decorator.js';

// Where @nestjs/graphql's @Query/@Mutation/@Subscription record the root type and field name.
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';
const RESOLVER_NAME_METADATA = 'graphql:resolver_name';
const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;

/**
 * Refuses to start when a root field has no resolver or no @RequirePermission: a field
 * without one would otherwise answer anyone (or null) once added to the schema.
 */
export function assertRootFieldsGuarded(schema: GraphQLSchema, discovery: DiscoveryService, scanner: MetadataScanner): void {
  const declared = new Map<string, string | undefined>();
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = prototype[name] as object;
      const type = Reflect.getMetadata(RESOLVER_TYPE_METADATA, method) as string | undefined;
      if (!type || !(ROOTS as readonly string[]).includes(type)) continue;
      const field = (Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? name;
      declared.set(`${type}.${field}`, Reflect.getMetadata(PERMISSION_METADATA, method) as string | undefined);
    }
  }
  const problems: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.keys(root?.getFields() ?? {})) {
      const key = `${root!.name}.${field}`;
      if (!declared.has(key)) problems.push(`${key} has no resolver`);
      else if (!declared.get(key)) problems.push(`${key} has no @RequirePermission`);
    }
  }
  if (problems.length > 0) throw new Error(`GraphQL root fields without a permission rule: ${problems.join('; ')}`);
}
