import 'reflect-metadata';
import { MetadataScanner, type DiscoveryService } from '@nestjs/core';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { assertRootFieldsGuarded } from './root-permissions.check.js';

const schema = buildSchema('type Query { a: Int, b: Int } type Mutation { c: Int }');

@Resolver()
class Guarded {
  @Query('a')
  @RequirePermission('read')
  a() {
    return 1;
  }

  @Query('b')
  @RequirePermission('read')
  b() {
    return 2;
  }

  @Mutation('c')
  @RequirePermission('manageTopics')
  c() {
    return 3;
  }
}

@Resolver()
class Open {
  @Query('a')
  @RequirePermission('read')
  a() {
    return 1;
  }

  @Query('b')
  b() {
    return 2;
  }
}

const discovery = (...instances: object[]) => ({ getProviders: () => instances.map((instance) => ({ instance })) }) as unknown as DiscoveryService;

describe('assertRootFieldsGuarded', () => {
  it('passes when every root field has a resolver with a permission', () => {
    expect(() => assertRootFieldsGuarded(schema, discovery(new Guarded()), new MetadataScanner())).not.toThrow();
  });

  it('refuses to start with a field that has no permission or no resolver, naming each', () => {
    expect(() => assertRootFieldsGuarded(schema, discovery(new Open()), new MetadataScanner())).toThrow('Query.b has no @RequirePermission; Mutation.c has no resolver');
  });
});
