/**
 * Every way a collector request can fail; the HTTP status is decided in one place below.
 * Every HTTP route answers failures as `{ "error": { "code", "message" } }` with one of these
 * codes (see CollectorErrorFilter): clients branch on the code, never on framework text.
 */
export const COLLECTOR_ERROR_CODES = [
  'EMPTY_BODY',
  'MALFORMED_JSON',
  'MALFORMED_REQUEST',
  'BODY_TOO_LARGE',
  'TOO_MANY_ITEMS',
  'UNSUPPORTED_MEDIA_TYPE',
  'ALL_ITEMS_REJECTED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'BUS_UNAVAILABLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INTERNAL',
  // Answered by the runtime's clientError handler, for requests Node's HTTP parser refuses.
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
] as const;
export type CollectorErrorCode = (typeof COLLECTOR_ERROR_CODES)[number];

export class CollectorError extends Error {
  constructor(
    readonly code: CollectorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CollectorError';
  }
}

export function httpStatusFor(code: CollectorErrorCode): number {
  switch (code) {
    case 'EMPTY_BODY':
    case 'MALFORMED_JSON':
    case 'MALFORMED_REQUEST':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'REQUEST_TIMEOUT':
      return 408;
    case 'BODY_TOO_LARGE':
    case 'TOO_MANY_ITEMS':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'ALL_ITEMS_REJECTED':
      return 422;
    case 'HEADERS_TOO_LARGE':
      return 431;
    case 'INTERNAL':
      return 500;
    case 'BUS_UNAVAILABLE':
      return 503;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
