/**
 * Failures a retry fixes once a dependency is back (the store restarting, a broker election,
 * a reset connection), as opposed to what no retry can fix (a constraint this message breaks,
 * a bug in the handler). The first kind must never dead-letter: the consumer waits instead.
 */
const TRANSIENT_CODES = new Set([
  // Node sockets and DNS.
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  // PostgreSQL SQLSTATE: connection exceptions (08…), admin shutdown / crash / cannot connect now (57P0x),
  // too many connections (53300), out of memory / disk (53100, 53200), serialization and deadlock (40001, 40P01).
  '08000', '08001', '08003', '08004', '08006', '08007', '57P01', '57P02', '57P03', '53100', '53200', '53300', '40001', '40P01',
]);

const TRANSIENT_MESSAGES = /connection terminated|connection refused|connect ECONNREFUSED|timeout exceeded when trying to connect|terminating connection|server closed the connection|Client has encountered a connection error|socket hang up|the database system is (starting up|shutting down)/i;

/** Walks the cause chain (our errors keep `cause`): transient when any link is. */
export function isTransientError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (typeof current !== 'object') return false;
    const candidate = current as { code?: unknown; retriable?: unknown; name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof candidate.code === 'string' && TRANSIENT_CODES.has(candidate.code)) return true;
    // kafkajs marks broker trouble it expects to pass (leader elections, disconnects) as retriable.
    if (candidate.retriable === true && typeof candidate.name === 'string' && candidate.name.startsWith('KafkaJS')) return true;
    if (typeof candidate.message === 'string' && TRANSIENT_MESSAGES.test(candidate.message)) return true;
    current = candidate.cause ?? candidate.originalError;
  }
  return false;
}
