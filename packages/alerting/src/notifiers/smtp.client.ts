import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { hostname } from 'node:os';
import tls from 'node:tls';
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
  /** Per step: connecting, each reply. Default 30 s. */
  timeoutMs?: number;
  tls?: Omit<tls.ConnectionOptions, 'host' | 'port' | 'socket'>;
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
}

export interface SmtpReply {
  code: number;
  lines: string[];
}

/** An SMTP failure with the reply code when the server gave one: 4xx is worth retrying, 5xx is not. */
export class SmtpError extends DeliveryError {
  readonly code: number | null;
  readonly command: string;

  constructor(message: string, command: string, code: number | null, options: { permanent?: boolean; cause?: unknown } = {}) {
    super(message, { status: code ?? undefined, permanent: options.permanent ?? (code !== null && code >= 500), cause: options.cause });
    this.name = 'SmtpError';
    this.command = command;
    this.code = code;
  }
}

const MAX_REPLY_BUFFER = 64 * 1024;
const MAX_LINE = 998;

/**
 * Reads SMTP replies off a socket: lines `NNN-text` continue a reply, `NNN text` ends it.
 * Replies are queued, so a reply that arrives before anyone waits for it is not lost.
 */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private readonly replies: SmtpReply[] = [];
  private waiter: { resolve: (r: SmtpReply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private readonly onData = (chunk: string): void => this.push(chunk);
  private readonly onError = (error: Error): void => this.fail(new SmtpError(`connection error: ${error.message}`, 'connection', null, { cause: error }));
  private readonly onClose = (): void => this.fail(new SmtpError('connection closed by the server', 'connection', null));

  constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  /** Stops reading before a STARTTLS upgrade hands the socket to TLS. */
  detach(): void {
    // TLS takes over the socket; an error surfacing on it in between must not crash the process.
    this.socket.on('error', () => undefined);
    this.socket.off('data', this.onData);
    this.socket.off('error', this.onError);
    this.socket.off('close', this.onClose);
  }

  next(command: string, timeoutMs: number): Promise<SmtpReply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new SmtpError(`no reply to ${command} within ${timeoutMs} ms`, command, null));
        this.socket.destroy();
      }, timeoutMs);
      this.waiter = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  private push(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      const match = /^(\d{3})([ -]?)(.*)$/.exec(line);
      if (!match) {
        this.fail(new SmtpError(`malformed reply line: ${line.slice(0, 100)}`, 'reply', null));
        this.socket.destroy();
        return;
      }
      this.lines.push(match[3] ?? '');
      if (match[2] === '-') continue;
      this.deliver({ code: Number(match[1]), lines: this.lines });
      this.lines = [];
    }
    if (this.buffer.length > MAX_REPLY_BUFFER) {
      this.fail(new SmtpError('reply line too long', 'reply', null));
      this.socket.destroy();
    }
  }

  private deliver(reply: SmtpReply): void {
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) waiter.resolve(reply);
    else this.replies.push(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.failure);
  }
}

/** RFC 2047 encoded-words, split on character boundaries so no word exceeds 75 characters. */
export function encodeHeaderValue(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  const words: string[] = [];
  let chunk = '';
  for (const char of clean) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Lines starting with "." get another one, so the body can never end the DATA phase early (RFC 5321 §4.5.2). */
export function dotStuff(data: string): string {
  return data.replace(/(^|\r\n)\./g, '$1..');
}

function assertAddress(address: string): void {
  if (!/^[^\s<>()@,;:"]+@[^\s<>()@,;:"]+$/.test(address)) {
    throw new SmtpError(`invalid address: ${JSON.stringify(address.slice(0, 100))}`, 'address', null, { permanent: true });
  }
}

/** Builds the RFC 5322 message: headers, then a text body in the lightest encoding the server accepts. */
export function buildMessage(message: SmtpMessage, options: { eightBit: boolean; now: number; messageIdDomain: string }): { data: string; eightBit: boolean } {
  const text = message.text.replace(/\r?\n/g, '\r\n');
  const longLines = text.split('\r\n').some((l) => Buffer.byteLength(l) > MAX_LINE);
  const ascii = /^[\x00-\x7f]*$/.test(text);
  const encoding = longLines ? 'base64' : ascii ? '7bit' : options.eightBit ? '8bit' : 'base64';
  const body = encoding === 'base64' ? (Buffer.from(text, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') : text;
  const from = message.fromName ? `${encodeHeaderValue(message.fromName.replace(/"/g, ''))} <${message.from}>` : message.from;
  const headers: Array<[string, string]> = [
    ['From', from],
    ['To', message.to.join(', ')],
    ['Subject', encodeHeaderValue(message.subject)],
    ['Date', new Date(options.now).toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<${randomBytes(12).toString('hex')}@${options.messageIdDomain}>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Content-Transfer-Encoding', encoding],
    ...Object.entries(message.headers ?? {}).map(([k, v]): [string, string] => [k.replace(/[^\x21-\x39\x3b-\x7e]/g, ''), encodeHeaderValue(v)]),
  ];
  const head = headers.map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return { data: `${head}\r\n\r\n${body}`, eightBit: encoding === '8bit' };
}

/**
 * A minimal SMTP submission client: one connection per message, which suits alerts (rare,
 * latency-tolerant) and leaves nothing to keep alive or reconnect.
 */
export class SmtpClient {
  private readonly port: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: SmtpClientOptions) {
    this.port = options.port ?? (options.secure ? 465 : 587);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async send(message: SmtpMessage): Promise<SmtpReply> {
    assertAddress(message.from);
    if (message.to.length === 0) throw new SmtpError('no recipients', 'address', null, { permanent: true });
    message.to.forEach(assertAddress);

    let socket: net.Socket = this.options.secure
      ? tls.connect({ ...this.options.tls, host: this.options.host, port: this.port, servername: this.serverName() })
      : net.connect({ host: this.options.host, port: this.port });
    let reader = new ReplyReader(socket);
    let secure = this.options.secure ?? false;

    const write = (line: string): void => {
      socket.write(line);
    };
    const expect = async (command: string, codes: readonly number[]): Promise<SmtpReply> => {
      const reply = await reader.next(command, this.timeoutMs);
      if (!codes.includes(reply.code)) {
        throw new SmtpError(`${command} rejected: ${reply.code} ${reply.lines.join(' ').slice(0, 300)}`, command, reply.code);
      }
      return reply;
    };
    // Credentials and addresses stay out of error messages: only the verb is named.
    const command = (line: string, verb: string, codes: readonly number[]): Promise<SmtpReply> => {
      write(`${line}\r\n`);
      return expect(verb, codes);
    };

    try {
      await expect('greeting', [220]);
      const name = this.options.clientName ?? hostname();
      let extensions = await this.hello(command, name);

      if (!secure && this.options.starttls !== 'never') {
        if (extensions.has('STARTTLS')) {
          await command('STARTTLS', 'STARTTLS', [220]);
          reader.detach();
          socket = await this.upgrade(socket);
          reader = new ReplyReader(socket);
          secure = true;
          extensions = await this.hello(command, name);
        } else if (this.options.starttls === 'required') {
          throw new SmtpError('the server does not offer STARTTLS', 'STARTTLS', null, { permanent: true });
        }
      }

      if (this.options.auth) await this.authenticate(command, extensions, secure);

      const built = buildMessage(message, {
        eightBit: extensions.has('8BITMIME'),
        now: (this.options.clock ?? Date.now)(),
        messageIdDomain: message.from.split('@')[1] ?? 'pulse.local',
      });
      await command(`MAIL FROM:<${message.from}>${built.eightBit ? ' BODY=8BITMIME' : ''}`, 'MAIL FROM', [250]);
      for (const to of message.to) await command(`RCPT TO:<${to}>`, 'RCPT TO', [250, 251]);
      await command('DATA', 'DATA', [354]);
      write(`${dotStuff(built.data)}\r\n.\r\n`);
      const accepted = await expect('message', [250]);
      // The message is accepted at this point; a rude QUIT must not turn it into a retry (and a duplicate).
      await command('QUIT', 'QUIT', [221]).catch(() => undefined);
      return accepted;
    } finally {
      socket.end();
      socket.destroy();
    }
  }

  private async hello(command: (line: string, verb: string, codes: readonly number[]) => Promise<SmtpReply>, name: string): Promise<Map<string, string>> {
    try {
      const reply = await command(`EHLO ${name}`, 'EHLO', [250]);
      // The first line is the server's greeting; each further line is one extension and its parameters.
      return new Map(
        reply.lines.slice(1).map((line) => {
          const [keyword = '', ...params] = line.trim().split(/\s+/);
          return [keyword.toUpperCase(), params.join(' ')];
        }),
      );
    } catch (error) {
      if (!(error instanceof SmtpError) || error.code === null || error.code < 500) throw error;
      await command(`HELO ${name}`, 'HELO', [250]);
      return new Map();
    }
  }

  private async authenticate(
    command: (line: string, verb: string, codes: readonly number[]) => Promise<SmtpReply>,
    extensions: Map<string, string>,
    secure: boolean,
  ): Promise<void> {
    const auth = this.options.auth!;
    if (!secure && !this.options.allowInsecureAuth) {
      throw new SmtpError('refusing to send credentials over an unencrypted connection', 'AUTH', null, { permanent: true });
    }
    const offered = new Set((extensions.get('AUTH') ?? '').toUpperCase().split(/\s+/).filter(Boolean));
    const method = auth.method ?? (offered.has('PLAIN') ? 'PLAIN' : offered.has('LOGIN') ? 'LOGIN' : null);
    if (!method || !offered.has(method)) {
      throw new SmtpError(`the server offers no usable AUTH method (offered: ${[...offered].join(' ') || 'none'})`, 'AUTH', null, { permanent: true });
    }
    const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
    if (method === 'PLAIN') {
      await command(`AUTH PLAIN ${b64(`\u0000${auth.user}\u0000${auth.pass}`)}`, 'AUTH', [235]);
      return;
    }
    await command('AUTH LOGIN', 'AUTH', [334]);
    await command(b64(auth.user), 'AUTH', [334]);
    await command(b64(auth.pass), 'AUTH', [235]);
  }

  /** SNI takes host names only; an IP address is verified against the certificate's IP entries instead. */
  private serverName(): string | undefined {
    return this.options.tls?.servername ?? (net.isIP(this.options.host) ? undefined : this.options.host);
  }

  private upgrade(socket: net.Socket): Promise<tls.TLSSocket> {
    return new Promise((resolve, reject) => {
      const secured = tls.connect({ ...this.options.tls, socket, servername: this.serverName() });
      const timer = setTimeout(() => {
        secured.destroy();
        reject(new SmtpError(`TLS handshake did not finish within ${this.timeoutMs} ms`, 'STARTTLS', null));
      }, this.timeoutMs);
      secured.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(secured);
      });
      secured.once('error', (error) => {
        clearTimeout(timer);
        reject(new SmtpError(`TLS handshake failed: ${error.message}`, 'STARTTLS', null, { cause: error }));
      });
    });
  }
}
