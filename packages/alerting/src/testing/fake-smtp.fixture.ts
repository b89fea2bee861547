import net from 'node:net';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';

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

export interface FakeSmtpOptions {
  extensions?: string[];
  /** Accepted AUTH credentials. */
  user?: string;
  pass?: string;
  /** Replace the reply to a command, keyed by its verb (e.g. `RCPT`, `MAIL`, `DATA`, `EHLO`, or `message` for the end of DATA). */
  replies?: Record<string, string>;
  /** Never send the greeting: a server that hangs. */
  silent?: boolean;
  /** Offer STARTTLS with the test certificate. */
  starttls?: boolean;
}

export interface FakeSmtpServer {
  port: number;
  /** Every line the client sent outside DATA, in order. */
  dialogue: string[];
  /** Raw DATA payloads as received (still dot-stuffed), one per message. */
  messages: string[];
  /** Credentials as the server decoded them. */
  logins: Array<{ method: string; user: string; pass: string }>;
  /** Index in `dialogue` of the first line received over TLS, if STARTTLS happened. */
  tlsFrom: number | null;
  close(): Promise<void>;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');

/** An SMTP server just real enough to check a client's side of the dialogue. */
export async function startFakeSmtp(options: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  const dialogue: string[] = [];
  const messages: string[] = [];
  const logins: FakeSmtpServer['logins'] = [];
  const sockets = new Set<net.Socket>();
  const state = { tlsFrom: null as number | null };
  const baseExtensions = options.extensions ?? ['8BITMIME', 'AUTH PLAIN LOGIN', 'SIZE 10485760'];

  const server = net.createServer((plain) => {
    let socket: net.Socket = plain;
    let secure = false;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    let data = '';
    let loginStep: 'user' | 'pass' | null = null;
    let loginUser = '';
    const reply = (verb: string, text: string): void => {
      socket.write(`${options.replies?.[verb] ?? text}\r\n`);
    };
    const checkLogin = (method: string, user: string, pass: string): void => {
      logins.push({ method, user, pass });
      socket.write(user === options.user && pass === options.pass ? '235 2.7.0 Authentication successful\r\n' : '535 5.7.8 Authentication credentials invalid\r\n');
    };

    if (!options.silent) socket.write('220 fake.smtp ESMTP ready\r\n');
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(data);
            data = '';
            reply('message', '250 2.0.0 queued as FAKE1');
          } else {
            data += `${line}\r\n`;
          }
          continue;
        }
        dialogue.push(line);
        if (loginStep === 'user') {
          loginUser = unb64(line);
          loginStep = 'pass';
          socket.write(`334 ${b64('Password:')}\r\n`);
          continue;
        }
        if (loginStep === 'pass') {
          loginStep = null;
          checkLogin('LOGIN', loginUser, unb64(line));
          continue;
        }
        const verb = line.split(' ')[0]!.toUpperCase();
        const extensions = options.starttls && !secure ? ['STARTTLS', ...baseExtensions] : baseExtensions;
        switch (verb) {
          case 'STARTTLS': {
            socket.write('220 2.0.0 Ready to start TLS\r\n');
            socket.off('data', onData);
            const secured = new tls.TLSSocket(socket, { isServer: true, key: TEST_TLS_KEY, cert: TEST_TLS_CERT });
            secured.on('error', () => undefined);
            secured.on('data', onData);
            socket = secured;
            secure = true;
            state.tlsFrom = dialogue.length;
            return;
          }
          case 'EHLO':
            reply('EHLO', ['250-fake.smtp greets you', ...extensions.map((e, i) => `250${i === extensions.length - 1 ? ' ' : '-'}${e}`)].join('\r\n'));
            break;
          case 'HELO':
            reply('HELO', '250 fake.smtp');
            break;
          case 'AUTH': {
            const [, method, initial] = line.split(' ');
            if (method?.toUpperCase() === 'PLAIN' && initial) {
              const [, user = '', pass = ''] = unb64(initial).split('\u0000');
              checkLogin('PLAIN', user, pass);
            } else if (method?.toUpperCase() === 'LOGIN') {
              loginStep = 'user';
              socket.write(`334 ${b64('Username:')}\r\n`);
            } else {
              socket.write('504 5.5.4 Unrecognized authentication type\r\n');
            }
            break;
          }
          case 'MAIL':
            reply('MAIL', '250 2.1.0 Ok');
            break;
          case 'RCPT':
            reply('RCPT', '250 2.1.5 Ok');
            break;
          case 'DATA':
            if (!options.replies?.DATA) inData = true;
            reply('DATA', '354 End data with <CR><LF>.<CR><LF>');
            break;
          case 'QUIT':
            reply('QUIT', '221 2.0.0 Bye');
            socket.end();
            break;
          default:
            socket.write('502 5.5.2 Command not recognized\r\n');
        }
      }
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    dialogue,
    messages,
    logins,
    get tlsFrom() {
      return state.tlsFrom;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
