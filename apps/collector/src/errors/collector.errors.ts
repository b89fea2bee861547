/** Every way a collector request can fail; the HTTP status is decided in one place below. */
export const COLLECTOR_ERROR_CODES = [
  'EMPTY_BODY',
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'TOO_MANY_ITEMS',
  'UNSUPPORTED_MEDIA_TYPE',
  'BUS_UNAVAILABLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
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
      return 400;
    case 'BODY_TOO_LARGE':
    case 'TOO_MANY_ITEMS':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'BUS_UNAVAILABLE':
      return 503;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
