import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Readiness } from '../health/readiness.js';
import { PulseMetrics } from '../metrics/metrics.js';
import { OpsModule } from './ops.module.js';

const apps: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function start(readiness: Readiness): Promise<string> {
  @Module({ imports: [OpsModule.forRoot(readiness, new PulseMetrics())] })
  class TestModule {}
  const app = await NestFactory.create(TestModule, { logger: false });
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

describe('OpsController /readyz (Terminus)', () => {
  it('answers 200 with every check up', async () => {
    const readiness = new Readiness();
    readiness.register({ name: 'bus', check: () => true });
    const res = await fetch(`${await start(readiness)}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', details: { bus: { status: 'up' } } });
  });

  it('answers 503 naming the checks that are down, including one that throws', async () => {
    const readiness = new Readiness();
    readiness.register({ name: 'bus', check: () => true });
    readiness.register({ name: 'store', check: () => false });
    readiness.register({
      name: 'model',
      check: () => {
        throw new Error('model not loaded');
      },
    });
    const res = await fetch(`${await start(readiness)}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      status: 'error',
      info: { bus: { status: 'up' } },
      error: { store: { status: 'down' }, model: { status: 'down', message: 'model not loaded' } },
    });
  });
});
