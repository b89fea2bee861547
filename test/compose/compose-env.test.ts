import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectorEnvSchema } from '@pulse/collector';
import { gatewayEnvSchema } from '@pulse/gateway';
import { sentimentEnvSchema } from '@pulse/sentiment';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/app-process.js';

/**
 * docker compose as a user runs it: every setting an app's config schema reads reaches its
 * service (as `VAR: ${VAR:-…}`, so a .env file or the shell sets it), no service passes a name
 * its app does not read (a typo would be silently ignored), and every app keeps its state on a
 * volume. Deliberately not passed, with the reason:
 */
const IMAGE_OWNED: Record<string, string> = {
  PORT: 'each image sets its port; compose publishes it (GATEWAY_PORT, COLLECTOR_PORT)',
  PULSE_DATA_DIR: 'the image writes under /data, where the volume is mounted',
  SENTIMENT_MODEL_CACHE_DIR: 'the image caches hub models under /data/models, where the volume is mounted',
};

interface ComposeService {
  environment?: Record<string, string | number | boolean>;
  volumes?: string[];
}

const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const APPS = { gateway: gatewayEnvSchema, collector: collectorEnvSchema, sentiment: sentimentEnvSchema } as const;
/** Names compose itself reads (ports, the database password), not passed to an app under that name. */
const COMPOSE_VARIABLES = new Set(['GATEWAY_PORT', 'COLLECTOR_PORT', 'POSTGRES_PASSWORD']);

describe('docker-compose.yml against the apps config schemas', () => {
  for (const [app, schema] of Object.entries(APPS)) {
    const service = compose.services[app]!;
    const passed = Object.keys(service.environment ?? {});
    const read = Object.keys(schema.shape);

    it(`${app}: every setting its config schema reads is passed through`, () => {
      expect(read.filter((name) => !passed.includes(name) && !(name in IMAGE_OWNED))).toEqual([]);
    });

    it(`${app}: passes nothing its config schema does not read`, () => {
      expect(passed.filter((name) => !read.includes(name))).toEqual([]);
    });

    it(`${app}: each value comes from the variable of its own name (no typo in \${…})`, () => {
      const mismatched = Object.entries(service.environment ?? {}).flatMap(([name, value]) => {
        const refs = [...String(value).matchAll(/\$\{([A-Z0-9_]+)/gu)].map((m) => m[1]!);
        return refs.filter((ref) => ref !== name && !COMPOSE_VARIABLES.has(ref)).map((ref) => `${name} ← \${${ref}}`);
      });
      expect(mismatched).toEqual([]);
    });

    it(`${app}: keeps its state on a named volume under /data`, () => {
      expect((service.volumes ?? []).some((v) => /^[a-z-]+:\/data(\/|$)/u.test(v))).toBe(true);
    });
  }
});
