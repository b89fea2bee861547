import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logging/logger.js';

/** Loopback addresses: 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1' || plain.toLowerCase() === 'localhost';
}

/**
 * Plain HTTP on an address other machines can reach sends API keys and data about people
 * in clear: say so at start-up, once, with what to do about it.
 */
export function warnIfPlaintextExposed(address: AddressInfo | string | null, tls: boolean, logger: Logger): boolean {
  if (tls || address === null || typeof address === 'string') return false;
  if (isLoopbackAddress(address.address)) return false;
  logger.warn(
    { address: address.address, port: address.port },
    'serving plain HTTP on a non-loopback address: API keys and data cross the network unencrypted. Set TLS_CERT_FILE and TLS_KEY_FILE, or bind HOST=127.0.0.1 behind a TLS proxy',
  );
  return true;
}

/** `Strict-Transport-Security` on every response, for servers that speak TLS. */
export function hstsMiddleware(maxAgeSeconds: number): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const value = `max-age=${maxAgeSeconds}; includeSubDomains`;
  return (_req, res, next) => {
    res.setHeader('Strict-Transport-Security', value);
    next();
  };
}

/**
 * Requests Node's HTTP parser rejects (bad request line, headers too large, timeouts)
 * never reach the framework, and Node answers them with a bare status line. Answer them
 * in the apps' error envelope instead, with a stable code, and close the connection.
 */
export function answerClientErrorsWithEnvelope(server: Pick<Server, 'on'>): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (!socket.writable || (error.code === 'ECONNRESET' && socket.destroyed)) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'request headers exceed the server limit']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request was not received in time']
          : [400, 'Bad Request', 'MALFORMED_REQUEST', 'the request is not valid HTTP/1.1'];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
