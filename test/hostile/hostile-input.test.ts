import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from '../support/app-process.js';
import { startMockKafka, type MockKafka } from '../support/mock-kafka.js';
import type { HostileCase, HostileOutcome } from './hostile-case.js';
import { bodyBytes, sendHttp, sendRaw, sendWs } from './hostile-client.js';
import { HOSTILE_CORPUS } from './hostile-corpus.js';
import { TARGETS, type HostileTarget, type TargetName } from './hostile-targets.js';

/**
 * Sends every case of the corpus to the app it names (each started as its own process,
 * as in distributed mode) and checks, for each: the documented status and error code, an
 * answer within the deadline (no hang), never a 5xx, and the process still running (no
 * crash). Prints the figures at the end: requests, 4xx by code, 5xx, slowest.
 */
describe('hostile input against the apps as separate processes', () => {
  let kafka: MockKafka;
  const targets = new Map<TargetName, HostileTarget>();
  const outcomes: HostileOutcome[] = [];
  const rss = new Map<string, { before?: number; peak?: number }>();

  beforeAll(async () => {
    kafka = await startMockKafka();
    const needed = [...new Set(HOSTILE_CORPUS.map((c) => c.target))];
    for (const name of needed) {
      const target = await TARGETS[name]({ kafkaBrokers: kafka.brokers });
      targets.set(name, target);
      rss.set(name, { before: target.rssBytes() });
    }
  });

  afterAll(async () => {
    printFigures(outcomes, rss);
    const codes: (number | null)[] = [];
    for (const target of targets.values()) {
      codes.push(await target.app.stop());
      await target.cleanup?.();
    }
    await kafka?.stop();
    expect(codes.every((code) => code === 0)).toBe(true);
  });

  it('has unique case names', () => {
    const names = HOSTILE_CORPUS.map((c) => c.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it.each(HOSTILE_CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, kase) => {
    const target = targets.get(kase.target)!;
    const got = await send(kase, target);
    outcomes.push(...got);
    const peak = Math.max(rss.get(kase.target)?.peak ?? 0, target.rssBytes() ?? 0);
    rss.set(kase.target, { ...rss.get(kase.target), peak });

    expect(target.app.child.exitCode, `${target.name} exited:\n${target.app.output().slice(-2000)}`).toBeNull();
    for (const outcome of got) {
      expect(outcome.status, `5xx for ${kase.name}: ${JSON.stringify(outcome.json)}`).toBeLessThan(500);
      if (kase.kind === 'ws') {
        if ('close' in kase.expect) {
          expect(outcome.wsClose?.code).toBe(kase.expect.close.code);
          if (kase.expect.close.reason !== undefined) expect(outcome.wsClose?.reason).toContain(kase.expect.close.reason);
        } else {
          expect(outcome.wsMessage).toMatchObject(kase.expect.message);
        }
        continue;
      }
      const { status, code, json, bodyIncludes } = kase.expect;
      expect({ status: outcome.status, code: outcome.code }, JSON.stringify(outcome.json)?.slice(0, 500)).toEqual({ status, code });
      if (json !== undefined) expect(outcome.json).toMatchObject(json);
      if (bodyIncludes !== undefined) expect(JSON.stringify(outcome.json)).toContain(bodyIncludes);
    }
  });

  it('leaves every target alive and healthy', async () => {
    for (const target of targets.values()) {
      expect(target.app.child.exitCode).toBeNull();
      const health = await fetch(`http://${target.host}:${target.port}/healthz`);
      expect(health.status).toBe(200);
    }
  });
});

async function send(kase: HostileCase, target: HostileTarget): Promise<HostileOutcome[]> {
  switch (kase.kind) {
    case 'raw':
      return [await sendRaw(kase, target)];
    case 'ws':
      return [await sendWs(kase, target)];
    default: {
      // Built once, so parallel copies start together rather than one body-build apart.
      const body = bodyBytes(kase.body);
      return Promise.all(Array.from({ length: kase.parallel ?? 1 }, () => sendHttp(kase, target, body)));
    }
  }
}

function printFigures(outcomes: HostileOutcome[], rss: Map<string, { before?: number; peak?: number }>): void {
  const byCode = new Map<string, number>();
  const byStatus = new Map<number, number>();
  for (const o of outcomes) {
    byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
    if (o.status >= 400 && o.status < 500) byCode.set(`${o.status} ${o.code ?? '(no code)'}`, (byCode.get(`${o.status} ${o.code ?? '(no code)'}`) ?? 0) + 1);
  }
  // The slowest request of each case, then the five slowest cases.
  const worst = new Map<string, HostileOutcome>();
  for (const o of outcomes) if ((worst.get(o.name)?.ms ?? -1) < o.ms) worst.set(o.name, o);
  const slowest = [...worst.values()].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const mb = (bytes: number | undefined): string => (bytes === undefined ? '?' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  const figures = {
    requests: outcomes.length,
    cases: new Set(outcomes.map((o) => o.name)).size,
    byStatus: Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])),
    clientErrorsByCode: Object.fromEntries([...byCode].sort()),
    serverErrors: outcomes.filter((o) => o.status >= 500).length,
    slowest: slowest.map((o) => ({ name: o.name, ms: Math.round(o.ms) })),
    rss: Object.fromEntries([...rss].map(([name, r]) => [name, { before: mb(r.before), peak: mb(r.peak) }])),
  };
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'hostile-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  const lines = [
    `hostile input: ${figures.requests} requests in ${figures.cases} cases; 5xx: ${figures.serverErrors}`,
    `  by status: ${Object.entries(figures.byStatus).map(([s, n]) => `${s}×${n}`).join(' ')}`,
    ...Object.entries(figures.clientErrorsByCode).map(([code, n]) => `  ${code}: ${n}`),
    `  slowest: ${figures.slowest.map((s) => `${s.name} ${s.ms} ms`).join('; ')}`,
    `  resident memory: ${Object.entries(figures.rss).map(([name, r]) => `${name} ${r.before} -> peak ${r.peak}`).join('; ')}`,
  ];
  console.log(lines.join('\n'));
}
