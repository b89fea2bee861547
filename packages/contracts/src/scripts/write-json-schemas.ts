/**
 * Writes one JSON Schema per topic for consumers that are not TypeScript
 * (a data team's Python job, a Kafka Connect sink). Runs as part of `build`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SCHEMA_VERSIONS } from '../topics/topic-names.js';
import { TOPIC_SCHEMAS } from '../topics/topic-registry.js';

const outDir = process.argv[2] ?? 'schemas';
mkdirSync(outDir, { recursive: true });
for (const [topic, schema] of Object.entries(TOPIC_SCHEMAS)) {
  const json = {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }),
    $id: `https://pulse.dev/schemas/${topic}.json`,
    title: topic,
    'x-pulse-schema-version': SCHEMA_VERSIONS[topic as keyof typeof SCHEMA_VERSIONS],
  };
  writeFileSync(join(outDir, `${topic}.json`), `${JSON.stringify(json, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(TOPIC_SCHEMAS).length} JSON Schemas to ${outDir}`);
