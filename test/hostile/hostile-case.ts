/**
 * The shape of one hostile-input case (the corpus itself is hostile-corpus.ts). A case
 * names the app it targets; the suite starts every target some case names. Adding cases
 * for a new target (the gateway: GraphQL, /export, WebSocket init) means adding its
 * starter to hostile-targets.ts; the case shapes below already cover those requests.
 */

/** Which key a request presents; each target maps the roles it knows to real keys. */
export type HostileAuth = 'none' | 'unknown' | 'revoked' | 'ingest' | 'viewer' | 'analyst' | 'admin';

/**
 * A request body: text as is, JSON to serialise, raw bytes (base64), or a generated body
 * (`repeat` `count` times between `prefix` and `suffix`) for sizes a data file should not hold.
 */
export type HostileBody = string | { json: unknown } | { base64: string } | { repeat: string; count: number; prefix?: string; suffix?: string };

/** What an HTTP answer must be: its status and, for errors, our code in `{ error: { code } }`. */
export interface HttpExpectation {
  status: number;
  code?: string;
  /** A subset the JSON body must match (vitest `toMatchObject`). */
  json?: Record<string, unknown>;
  /** Text the body must contain (a reason, a field name). */
  bodyIncludes?: string;
}

interface CaseBase<Target extends string> {
  /** Unique, says what is tried: shown in failures and figures. */
  name: string;
  target: Target;
  /** Per-request deadline; past it the case fails as a hang. Default 5 s. */
  deadlineMs?: number;
}

export interface HttpCase<Target extends string = string> extends CaseBase<Target> {
  kind?: 'http';
  method?: string;
  /** Sent as is: not normalised or re-encoded by the client. */
  path: string;
  /** Default `ingest` for the collector; `none` sends no Authorization header. */
  auth?: HostileAuth;
  headers?: Record<string, string>;
  body?: HostileBody;
  /** Send the body with chunked transfer encoding (no Content-Length), in 64 KiB chunks. */
  chunked?: boolean;
  /** Sign the body as a webhook sender would (`x-pulse-source`, `x-pulse-signature`). */
  sign?: { sender: string; secret: string; timestamp?: number };
  /** Send this many copies at once; each counts as a request in the figures. */
  parallel?: number;
  expect: HttpExpectation;
}

/** Bytes written straight to the socket, for what an HTTP client library would refuse to send. */
export interface RawCase<Target extends string = string> extends CaseBase<Target> {
  kind: 'raw';
  /** `{{host}}` is replaced by the target's host:port; generated parts use HostileBody's `repeat`. */
  bytes: string | { repeat: string; count: number; prefix?: string; suffix?: string };
  expect: HttpExpectation;
}

/**
 * A WebSocket opened on `path` with `protocol`, `messages` sent in order once open (objects
 * as JSON); the case passes on the expected close code (and reason text) or first message.
 */
export interface WsCase<Target extends string = string> extends CaseBase<Target> {
  kind: 'ws';
  path: string;
  protocol?: string;
  /** Sent as an `Authorization: Bearer` header on the upgrade request, or with `keyInMessages` only as `{{key}}` in the messages. */
  auth?: HostileAuth;
  /** The key travels in the messages (graphql-ws connection_init), where `{{key}}` is replaced; no header. */
  keyInMessages?: boolean;
  messages: (string | Record<string, unknown>)[];
  expect: { close: { code: number; reason?: string } } | { message: Record<string, unknown> };
}

export type HostileCase<Target extends string = string> = HttpCase<Target> | RawCase<Target> | WsCase<Target>;

/** What one request got back, for assertions and figures. */
export interface HostileOutcome {
  name: string;
  target: string;
  /** HTTP status (101 once a WebSocket was upgraded), or 0 when the connection ended without one. */
  status: number;
  code: string | undefined;
  json: unknown;
  ms: number;
  wsClose?: { code: number; reason: string };
  wsMessage?: unknown;
}
