import { TOPICS, type DeadLetter } from '@pulse/contracts';

/** A dead letter as the bus writes one, for the specs. */
export function letter(n: number, over: Partial<DeadLetter> = {}): DeadLetter {
  return {
    reason: 'processing-failed',
    error: `boom ${n}`,
    issues: [],
    origin: { topic: TOPICS.scoredMentions, partition: n % 4, offset: String(100 + n), key: `m-${n}`, consumerGroup: 'pulse-gateway' },
    payload: JSON.stringify({ id: `m-${n}` }),
    payloadEncoding: 'utf8',
    headers: { 'pulse-schema-version': '1', traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` },
    failedAt: `2026-03-02T10:0${n % 10}:00.000Z`,
    ...over,
  };
}
