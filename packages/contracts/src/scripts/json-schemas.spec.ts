import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TOPIC_SCHEMAS } from '../topics/topic-registry.js';

const schemasDir = join(dirname(fileURLToPath(import.meta.url)), '../../schemas');

describe('committed JSON Schemas', () => {
  it.each(Object.keys(TOPIC_SCHEMAS))('%s matches the zod schema (run npm run build in packages/contracts to refresh)', (topic) => {
    const committed = JSON.parse(readFileSync(join(schemasDir, `${topic}.json`), 'utf8')) as Record<string, unknown>;
    const generated = z.toJSONSchema(TOPIC_SCHEMAS[topic as keyof typeof TOPIC_SCHEMAS], { target: 'draft-2020-12', io: 'input' });
    expect({ ...committed, $id: undefined, title: undefined, 'x-pulse-schema-version': undefined }).toEqual({
      ...generated,
      $id: undefined,
      title: undefined,
      'x-pulse-schema-version': undefined,
    });
  });
});
