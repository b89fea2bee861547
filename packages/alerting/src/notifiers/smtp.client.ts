import type tls from 'node:tls';
import nodemailer, { type NodemailerError, type SMTPSentMessageInfo, type SMTPTransportOptions, type Transporter } from 'nodemailer';
import { DeliveryError } from './notifier.port.js';

export interface SmtpClientOptions {
  host: string;
  /** Default 465 with `secure`, 587 otherwise. */
  port?: number;
  /** TLS from the first byte (SMTPS, port 465). */
  secure?: boolean;
  /**
   * Upgrade a plain connection with STARTTLS: `required` fails when the server does not offer
   * it, `opportunistic` (default) uses it when offered, `never` stays in plain text.
   */
  starttls?: 'required' | 'opportunistic' | 'never';
  auth?: { user: string; pass: string; method?: 'PLAIN' | 'LOGIN' };
  /** Credentials are only sent over TLS unless this is set (a local relay, tests). */
  allowInsecureAuth?: boolean;
  /** The EHLO name. Default the host name. */
  clientName?: string;
  /**
   * The wait for the greeting, a TLS handshake and each reply, and for connecting; the whole
   * set-up (DNS, connect, greeting, STARTTLS) gets twice that. Default 30 s.
   */
  timeoutMs?: number;
  tls?: Omit<tls.ConnectionOptions, 'host' | 'port' | 'socket'>;
  /** The message's Date header. */
  clock?: () => number;
}

export interface SmtpMessage {
  from: string;
  /** Shown in the From header; the envelope uses `from`. */
  fromName?: string;
  to: readonly string[];
  subject: string;
  text: string;
  headers?: Record<string, string>;
  /** Files sent along (a report's PDF); nodemailer encodes them as MIME parts. */
  attachments?: readonly SmtpAttachment[];
}

export interface SmtpAttachment {
  /** Shown to the recipient; ASCII keeps every mail client happy. */
  filename: string;
  content: Buffer;
  contentType: string;
}

/** What the server said when it took the message. */
export interface SmtpDelivery {
  messageId: string;
  /** The server's final reply, e.g. `250 2.0.0 queued as 4XyZ`. */
  response: string;
}

/** The step an SMTP failure happened at: a closed list, so logs and tests can rely on it. */
export const SMTP_STEPS = ['address', 'connection', 'greeting', 'EHLO', 'STARTTLS', 'AUTH', 'MAIL FROM', 'RCPT TO', 'DATA', 'message'] as const;
export type SmtpStep = (typeof SMTP_STEPS)[number];

/** An SMTP failure with the reply code when the server gave one: 4xx is worth retrying, 5xx is not. */
export class SmtpError extends DeliveryError {
  readonly code: number | null;
  readonly command: SmtpStep;

  constructor(message: string, command: SmtpStep, code: number | null, options: { permanent?: boolean; cause?: unknown } = {}) {
    super(message, { status: code ?? undefined, permanent: options.permanent ?? (code !== null && code >= 500), cause: options.cause });
    this.name = 'SmtpError';
    this.command = command;
    this.code = code;
  }
}

/** Bare addresses only: no display names, no CR/LF, nothing nodemailer would have to interpret. */
function assertAddress(address: string): void {
  if (!/^[^\s<>()@,;:"]+@[^\s<>()@,;:"]+$/.test(address)) {
    throw new SmtpError(`invalid address: ${JSON.stringify(address.slice(0, 100))}`, 'address', null, { permanent: true });
  }
}

/** The server's reply text on one line, without its `NNN-` prefixes. */
function replyText(response: string | undefined): string {
  return (response ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\d{3}[ -]/, '').trim())
    .filter(Boolean)
    .join(' ')
    .slice(0, 300);
}

/** What the error mapping needs to know about the connection it happened on. */
interface ErrorContext {
  timeoutMs: number;
  /** TLS from the first byte: a certificate failure is then a connection failure, not a STARTTLS one. */
  secure: boolean;
  /** STARTTLS was made required only so that credentials never travel in plain text. */
  insecureAuthGuard: boolean;
}

/** Node's TLS failures (certificate verification, handshake) as nodemailer passes them on in `originalCode`. */
const isTlsFailure = (error: NodemailerError): boolean => /CERT|SSL|TLS|SIGNATURE|ISSUER/.test(error.originalCode ?? '');

/** nodemailer names the command in flight (`AUTH PLAIN`, `RCPT TO`, `CONN`, ...); map it onto our steps. */
function stepOf(error: NodemailerError, context: ErrorContext): SmtpStep {
  const command = error.command ?? '';
  if (error.code === 'ETIMEDOUT') {
    if (error.timeoutType === 'GREETING_TIMEOUT') return 'greeting';
    if (error.timeoutType === 'UPGRADE_TIMEOUT') return 'STARTTLS';
  }
  if (error.code === 'ETLS') return context.insecureAuthGuard && command === 'STARTTLS' && error.responseCode !== undefined ? 'AUTH' : 'STARTTLS';
  if (error.code === 'ESOCKET' && isTlsFailure(error) && !context.secure) return 'STARTTLS';
  if (error.code === 'EAUTH' || error.code === 'ENOAUTH' || command.startsWith('AUTH')) return 'AUTH';
  if (error.code === 'EMESSAGE') return 'message';
  if (command === 'MAIL FROM' || command === 'RCPT TO' || command === 'DATA' || command === 'EHLO') return command;
  return 'connection';
}

/**
 * Our error for whatever nodemailer raised: the step, the reply code, a message without
 * addresses or credentials (only the step and the server's words), and nodemailer's error as `cause`.
 */
function toSmtpError(error: unknown, context: ErrorContext): SmtpError {
  if (error instanceof SmtpError) return error;
  const e = (error ?? {}) as NodemailerError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const step = stepOf(e, context);
  if (e.code === 'ETIMEDOUT') {
    const what = step === 'greeting' ? 'no reply to greeting' : step === 'STARTTLS' ? 'TLS handshake did not finish' : e.timeoutType === 'CONNECT_TIMEOUT' ? 'could not connect' : 'no reply';
    return new SmtpError(`${what} within ${context.timeoutMs} ms`, step, null, { cause: error });
  }
  if (e.code === 'ETLS' && code !== null) {
    // STARTTLS was required (by the config, or because credentials must not go out in plain text)
    // and the server refused it: for good with 5xx (it does not offer it), for now with 454.
    const why = step === 'AUTH' ? 'refusing to send credentials over an unencrypted connection: ' : '';
    const what = code >= 500 ? 'the server does not offer STARTTLS' : 'the server refused STARTTLS for now';
    return new SmtpError(`${why}${what} (${code} ${replyText(e.response)})`, step, code, { cause: error });
  }
  if (step === 'STARTTLS') return new SmtpError(`TLS handshake failed: ${e.message}`, step, null, { cause: error });
  if (code !== null) return new SmtpError(`${step} rejected: ${code} ${replyText(e.response)}`, step, code, { cause: error });
  return new SmtpError(`${step === 'connection' ? 'connection error' : `${step} failed`}: ${e.message ?? String(error)}`, step, null, { cause: error });
}

/**
 * SMTP submission through nodemailer, one connection per message (no pool), which suits alerts
 * (rare, latency-tolerant) and leaves nothing to keep alive or reconnect. This class keeps
 * Pulse's config and error contract; nodemailer does the protocol, MIME and encodings.
 */
export class SmtpClient {
  private readonly transport: Transporter<SMTPSentMessageInfo>;
  private readonly timeoutMs: number;
  private readonly errorContext: ErrorContext;

  constructor(private readonly options: SmtpClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const secure = options.secure ?? false;
    const starttls = options.starttls ?? 'opportunistic';
    // nodemailer would send credentials over plain text; ours go out only over TLS unless allowed.
    const insecureAuthGuard = options.auth !== undefined && !secure && !options.allowInsecureAuth && starttls !== 'required';
    this.errorContext = { timeoutMs: this.timeoutMs, secure, insecureAuthGuard };
    const config: SMTPTransportOptions = {
      host: options.host,
      port: options.port ?? (secure ? 465 : 587),
      secure,
      requireTLS: starttls === 'required' || insecureAuthGuard,
      ignoreTLS: starttls === 'never',
      ...(options.clientName ? { name: options.clientName } : {}),
      // nodemailer's connectionTimeout is a deadline for the whole set-up, not for connecting alone.
      connectionTimeout: 2 * this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
      dnsTimeout: this.timeoutMs,
      ...(options.tls ? { tls: options.tls } : {}),
      // A server that offers no AUTH must not get the message unauthenticated: fail at AUTH instead.
      ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass }, forceAuth: true, ...(options.auth.method ? { authMethod: options.auth.method } : {}) } : {}),
      logger: false,
    };
    this.transport = nodemailer.createTransport(config);
  }

  async send(message: SmtpMessage): Promise<SmtpDelivery> {
    assertAddress(message.from);
    if (message.to.length === 0) throw new SmtpError('no recipients', 'address', null, { permanent: true });
    message.to.forEach(assertAddress);
    if (this.options.auth && this.options.starttls === 'never' && !this.options.secure && !this.options.allowInsecureAuth) {
      throw new SmtpError('refusing to send credentials over an unencrypted connection (starttls: never)', 'AUTH', null, { permanent: true });
    }
    let info: SMTPSentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: message.fromName ? { name: message.fromName, address: message.from } : message.from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        headers: message.headers ?? {},
        ...(message.attachments?.length ? { attachments: message.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) } : {}),
        date: new Date((this.options.clock ?? Date.now)()),
      });
    } catch (error) {
      throw toSmtpError(error, this.errorContext);
    }
    // nodemailer delivers to the recipients that were accepted; a rejected one still fails the
    // send, so a typo in the config does not pass for a delivery.
    const [rejected] = info.rejectedErrors ?? [];
    if (rejected || info.rejected.length > 0) {
      const failure = toSmtpError(rejected ?? { command: 'RCPT TO', message: 'a recipient was rejected' }, this.errorContext);
      throw new SmtpError(`${failure.message} (${info.rejected.length} of ${message.to.length} recipients; the others got the message)`, 'RCPT TO', failure.code, {
        cause: rejected,
      });
    }
    return { messageId: info.messageId, response: info.response };
  }
}
