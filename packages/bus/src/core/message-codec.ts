import { randomBytes } from 'node:crypto';
import {
  CONTENT_TYPE_JSON,
  HEADERS,
  SCHEMA_VERSIONS,
  TOPIC_KEYS,
  TOPIC_SCHEMAS,
  childTraceparent,
  type DeadLetterReason,
  type TopicPayloads,
} from '@pulse/contracts';
import type { BusTopic, PublishOptions } from './bus.port.js';

export interface EncodedMessage {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Span ids for every message: drawn from a pooled random buffer, because one
 * randomBytes call per message showed up in profiles of the scoring hot path.
 */
let pool = Buffer.alloc(0);
let poolOffset = 0;
const randomHex = (bytes: number): string => {
  if (poolOffset + bytes > pool.length) {
    pool = randomBytes(8192);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
};

export function encodeMessage<T extends BusTopic>(
  topic: T,
  payload: TopicPayloads[T],
  producer: string,
  traceparent?: string,
): EncodedMessage {
  return {
    key: TOPIC_KEYS[topic](payload),
    value: Buffer.from(JSON.stringify(payload)),
    headers: {
      [HEADERS.schemaVersion]: String(SCHEMA_VERSIONS[topic]),
      [HEADERS.contentType]: CONTENT_TYPE_JSON,
      [HEADERS.traceparent]: childTraceparent(traceparent, randomHex),
      [HEADERS.producer]: producer,
    },
  };
}

export type DecodeResult<T extends BusTopic> =
  | { ok: true; value: TopicPayloads[T] }
  | { ok: false; reason: DeadLetterReason; error: string; issues: { path: string; message: string }[] };

/**
 * Every consumer edge goes through here: bytes → JSON → version check → zod. A failure
 * is returned, not thrown, so the caller can dead-letter it and move on.
 */
export function decodeMessage<T extends BusTopic>(
  topic: T,
  value: Buffer | null,
  headers: Record<string, string>,
): DecodeResult<T> {
  const version = headers[HEADERS.schemaVersion];
  // A missing header is tolerated: foreign producers (kcat, partners) may not set it.
  if (version !== undefined && version !== String(SCHEMA_VERSIONS[topic])) {
    return {
      ok: false,
      reason: 'unsupported-version',
      error: `schema version ${version} is not supported on ${topic} (expected ${SCHEMA_VERSIONS[topic]})`,
      issues: [],
    };
  }
  if (value === null || value.length === 0) {
    return { ok: false, reason: 'invalid-json', error: 'empty message value', issues: [] };
  }
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'invalid-json', error: `value is not JSON: ${(error as Error).message}`, issues: [] };
  }
  const parsed = TOPIC_SCHEMAS[topic].safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
    return {
      ok: false,
      reason: 'schema-violation',
      error: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      issues,
    };
  }
  return { ok: true, value: parsed.data };
}

export function headersToStrings(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined) continue;
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

export function traceFor(options: PublishOptions, index: number): string | undefined {
  const { traceparent } = options;
  return typeof traceparent === 'string' ? traceparent : traceparent?.[index];
}
