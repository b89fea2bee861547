import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A self-signed certificate for localhost / 127.0.0.1, valid until 2126; test use only. */
export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgvFSKE4nSm91rZzLv
BreNfdSIddnk5LduxOOgDcvNF/yhRANCAAQZSAcrykev2ExV/3psW024DTE5hEts
h1ivAe986c2Xn65F98ItzNLUda0oB2n8s7b96cOwMrYAKsC5QzpES71I
-----END PRIVATE KEY-----`;
export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIUbWfBdxv0z8mWi84fUy9zKmxLCyswCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMTIxNTM0MFoYDzIxMjYxMDI4
MjE1MzQwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQZSAcrykev2ExV/3psW024DTE5hEtsh1ivAe986c2Xn65F98ItzNLU
da0oB2n8s7b96cOwMrYAKsC5QzpES71Io28wbTAdBgNVHQ4EFgQUiKuc64S1KfQ1
wZgCQL4Y/1ifZuwwHwYDVR0jBBgwFoAUiKuc64S1KfQ1wZgCQL4Y/1ifZuwwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDRwAwRAIgM633rfO3jOpx8R1S2zq9Yqu/h4W6UGzYhpo0U5cfcTECIBu6
P2l4EQQ6yZP9GMNTmzDfM0MNToxpf3XBEuxSN0BZ
-----END CERTIFICATE-----`;

/** A refusal the server answers a step with, e.g. `{ code: 550, message: 'Recipient address rejected' }`. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface TestSmtpOptions {
  /** Accepted credentials; without them the server offers no AUTH and takes mail unauthenticated. */
  user?: string;
  pass?: string;
  /** Default PLAIN and LOGIN. */
  authMethods?: Array<'PLAIN' | 'LOGIN'>;
  /** Offer STARTTLS with the test certificate (without it the command is unknown to the server). */
  starttls?: boolean;
  /** TLS from the first byte (SMTPS) with the test certificate. */
  secure?: boolean;
  mailFrom?: SmtpRefusal;
  rcptTo?: (address: string) => SmtpRefusal | undefined;
  /** The reply to the end of DATA. */
  message?: SmtpRefusal;
}

/** One message as the server took it: envelope, session facts and the parsed MIME message. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** Arrived over TLS (SMTPS or after STARTTLS). */
  secure: boolean;
  /** The name the client gave in EHLO/HELO. */
  clientName: string;
  /** The authenticated user, if any. */
  user: string | undefined;
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  mails: ReceivedMail[];
  /** Every AUTH attempt as the server decoded it, and whether it came over TLS. */
  logins: Array<{ method: string; user: string; pass: string; secure: boolean }>;
  close(): Promise<void>;
}

const refusal = (r: SmtpRefusal): Error => Object.assign(new Error(r.message), { responseCode: r.code });

/** nodemailer's own maintained SMTP server (smtp-server) on a loopback port, recording what it received. */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const logins: TestSmtpServer['logins'] = [];
  const withAuth = options.user !== undefined;
  const server = new SMTPServer({
    secure: options.secure ?? false,
    key: TEST_TLS_KEY,
    cert: TEST_TLS_CERT,
    disabledCommands: [...(options.starttls ? [] : ['STARTTLS']), ...(withAuth ? [] : ['AUTH'])],
    authMethods: options.authMethods ?? ['PLAIN', 'LOGIN'],
    authOptional: !withAuth,
    // The client under test decides whether credentials may travel in plain text, not the server.
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 200,
    onAuth(auth, session, callback) {
      const user = auth.username ?? '';
      const pass = auth.password ?? '';
      logins.push({ method: auth.method, user, pass, secure: session.secure });
      if (user === options.user && pass === options.pass) callback(null, { user });
      else callback(refusal({ code: 535, message: 'Authentication credentials invalid' }));
    },
    onMailFrom(_address, _session, callback) {
      callback(options.mailFrom ? refusal(options.mailFrom) : null);
    },
    onRcptTo(address, _session, callback) {
      const refused = options.rcptTo?.(address.address);
      callback(refused ? refusal(refused) : null);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.message) return callback(refusal(options.message));
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const { mailFrom, rcptTo } = session.envelope;
            mails.push({
              envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) },
              secure: session.secure,
              clientName: session.hostNameAppearsAs,
              user: session.user as string | undefined,
              raw: raw.toString('utf8'),
              parsed,
            });
            callback();
          },
          (error: unknown) => callback(error as Error),
        );
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP endpoint that accepts and never says a word: a hung SMTP server. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
