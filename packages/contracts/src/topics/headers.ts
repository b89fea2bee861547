/**
 * Headers carried by every Pulse message. Consumers read the schema version before
 * parsing, and trace context follows W3C Trace Context so a mention can be followed
 * from collection to the dashboard.
 */
export const HEADERS = {
  schemaVersion: 'pulse-schema-version',
  contentType: 'content-type',
  traceparent: 'traceparent',
  producer: 'pulse-producer',
} as const;

export const CONTENT_TYPE_JSON = 'application/json';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isTraceparent(value: string): boolean {
  return TRACEPARENT.test(value);
}

/** A child span id under the same trace, or a new trace when there is none. */
export function childTraceparent(parent: string | undefined, random: (bytes: number) => string): string {
  const match = parent ? TRACEPARENT.exec(parent) : null;
  const traceId = match?.[1] ?? random(16);
  return `00-${traceId}-${random(8)}-01`;
}
