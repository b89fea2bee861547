import { afterEach, describe, expect, it } from 'vitest';
import { leakAlert, spikeAlert } from '../testing/alert.fixture.js';
import { startFakeSmtp, TEST_TLS_CERT, type FakeSmtpOptions, type FakeSmtpServer } from '../testing/fake-smtp.fixture.js';
import { EmailNotifier } from './email.notifier.js';
import { dotStuff, encodeHeaderValue, SmtpClient, SmtpError, type SmtpClientOptions, type SmtpMessage } from './smtp.client.js';
import { rejection } from '../testing/rejection.fixture.js';

const NOW = Date.parse('2026-03-01T02:07:00.000Z');
let server: FakeSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  server = await startFakeSmtp({ user: 'alerts@pulse.test', pass: 'p4ss', ...options });
  return server;
}

function client(port: number, overrides: Partial<SmtpClientOptions> = {}): SmtpClient {
  return new SmtpClient({
    host: '127.0.0.1',
    port,
    clientName: 'pulse.test',
    auth: { user: 'alerts@pulse.test', pass: 'p4ss' },
    allowInsecureAuth: true,
    timeoutMs: 5000,
    clock: () => NOW,
    ...overrides,
  });
}

const message: SmtpMessage = {
  from: 'alerts@pulse.test',
  to: ['oncall@example.com', 'support@example.com'],
  subject: 'Всплеск негатива: beeline',
  text: 'first line\n.starts with a dot\n.\n..two dots\nlast line',
};

describe('SmtpClient', () => {
  it('speaks the whole dialogue: EHLO, AUTH PLAIN, MAIL, RCPT, DATA with dot-stuffing, QUIT', async () => {
    const smtp = await start();
    const reply = await client(smtp.port).send(message);
    expect(reply.code).toBe(250);
    expect(smtp.dialogue.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'EHLO pulse.test',
      'AUTH PLAIN',
      'MAIL FROM:<alerts@pulse.test>',
      'RCPT TO:<oncall@example.com>',
      'RCPT TO:<support@example.com>',
      'DATA',
      'QUIT',
    ]);
    // An ASCII body needs no 8BITMIME, even where the server offers it.
    expect(smtp.dialogue[2]).toBe('MAIL FROM:<alerts@pulse.test>');
    expect(smtp.logins).toEqual([{ method: 'PLAIN', user: 'alerts@pulse.test', pass: 'p4ss' }]);

    const [data] = smtp.messages;
    const [head, body] = data!.split('\r\n\r\n');
    expect(head).toContain('From: alerts@pulse.test');
    expect(head).toContain('To: oncall@example.com, support@example.com');
    expect(head).toContain(`Subject: ${encodeHeaderValue('Всплеск негатива: beeline')}`);
    expect(head).toContain('Date: Sun, 01 Mar 2026 02:07:00 +0000');
    expect(head).toMatch(/Message-ID: <[0-9a-f]{24}@pulse\.test>/);
    expect(head).toContain('Content-Transfer-Encoding: 7bit');
    expect(body).toBe('first line\r\n..starts with a dot\r\n..\r\n...two dots\r\nlast line\r\n');
  });

  it('upgrades with STARTTLS, verifies the certificate, then says EHLO again and authenticates over TLS', async () => {
    const smtp = await start({ starttls: true });
    await client(smtp.port, { allowInsecureAuth: false, starttls: 'required', tls: { ca: TEST_TLS_CERT } }).send(message);
    expect(smtp.dialogue.slice(0, 2)).toEqual(['EHLO pulse.test', 'STARTTLS']);
    expect(smtp.tlsFrom).toBe(2);
    expect(smtp.dialogue[2]).toBe('EHLO pulse.test');
    expect(smtp.dialogue[3]).toMatch(/^AUTH PLAIN /);
    expect(smtp.messages).toHaveLength(1);
  });

  it('refuses a server certificate it cannot verify', async () => {
    const smtp = await start({ starttls: true });
    await expect(client(smtp.port, { starttls: 'required' }).send(message)).rejects.toMatchObject({ command: 'STARTTLS' });
    expect(smtp.logins).toEqual([]);
  });

  it('falls back to AUTH LOGIN and base64 bodies when the server offers only that', async () => {
    const smtp = await start({ extensions: ['AUTH LOGIN'] });
    await client(smtp.port).send({ ...message, text: 'Привет\n.точка' });
    expect(smtp.logins).toEqual([{ method: 'LOGIN', user: 'alerts@pulse.test', pass: 'p4ss' }]);
    expect(smtp.dialogue.find((l) => l.startsWith('MAIL'))).toBe('MAIL FROM:<alerts@pulse.test>');
    const [head, body] = smtp.messages[0]!.split('\r\n\r\n');
    expect(head).toContain('Content-Transfer-Encoding: base64');
    expect(Buffer.from(body!.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe('Привет\r\n.точка');
  });

  it('sends a non-ASCII body as 8bit, still dot-stuffed, when the server offers 8BITMIME', async () => {
    const smtp = await start();
    await client(smtp.port).send({ ...message, text: 'Привет\n.точка' });
    expect(smtp.dialogue.find((l) => l.startsWith('MAIL'))).toBe('MAIL FROM:<alerts@pulse.test> BODY=8BITMIME');
    const [head, body] = smtp.messages[0]!.split('\r\n\r\n');
    expect(head).toContain('Content-Transfer-Encoding: 8bit');
    expect(body).toBe('Привет\r\n..точка\r\n');
  });

  it('refuses to send credentials in plain text unless allowed', async () => {
    const smtp = await start();
    const error = await rejection<SmtpError>(client(smtp.port, { allowInsecureAuth: false }).send(message));
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({ permanent: true, command: 'AUTH' });
    expect(smtp.dialogue.some((l) => l.startsWith('AUTH'))).toBe(false);
  });

  it('fails when STARTTLS is required but not offered', async () => {
    const smtp = await start();
    await expect(client(smtp.port, { starttls: 'required' }).send(message)).rejects.toMatchObject({ permanent: true, command: 'STARTTLS' });
  });

  it('surfaces a 5xx reply as a permanent error with its code, and a 4xx as retryable', async () => {
    const rejecting = await start({ replies: { RCPT: '550 5.1.1 <oncall@example.com>: Recipient address rejected' } });
    const permanent = await rejection<SmtpError>(client(rejecting.port).send(message));
    expect(permanent).toMatchObject({ code: 550, permanent: true, command: 'RCPT TO' });
    expect(permanent.message).toContain('Recipient address rejected');
    await rejecting.close();

    const greylisting = await start({ replies: { MAIL: '451-4.7.1 Greylisted,\r\n451 4.7.1 try again later' } });
    const transient = await rejection<SmtpError>(client(greylisting.port).send(message));
    expect(transient).toMatchObject({ code: 451, permanent: false, command: 'MAIL FROM' });
    expect(transient.message).toContain('Greylisted, 4.7.1 try again later');
  });

  it('reports rejected credentials without echoing them', async () => {
    const smtp = await start({ pass: 'other' });
    const error = await rejection<SmtpError>(client(smtp.port).send(message));
    expect(error).toMatchObject({ code: 535, permanent: true, command: 'AUTH' });
    expect(error.message).not.toContain('p4ss');
  });

  it('surfaces a rejected message body after DATA', async () => {
    const smtp = await start({ replies: { message: '554 5.7.1 Message rejected as spam' } });
    await expect(client(smtp.port).send(message)).rejects.toMatchObject({ code: 554, command: 'message' });
  });

  it('times out on a server that never answers', async () => {
    const smtp = await start({ silent: true });
    await expect(client(smtp.port, { timeoutMs: 300 }).send(message)).rejects.toThrow(/no reply to greeting/);
  });

  it('rejects header injection through addresses before connecting', async () => {
    await expect(client(1).send({ ...message, to: ['a@b.c\r\nRCPT TO:<x@y.z>'] })).rejects.toMatchObject({ permanent: true, command: 'address' });
  });

  it('dot-stuffs only at line starts and encodes non-ASCII headers in short words', () => {
    expect(dotStuff('.a\r\nb.c\r\n.\r\n')).toBe('..a\r\nb.c\r\n..\r\n');
    expect(encodeHeaderValue('plain ascii')).toBe('plain ascii');
    const encoded = encodeHeaderValue('Очень длинная тема письма про всплеск негатива в отзывах');
    for (const word of encoded.split('\r\n ')) expect(word.length).toBeLessThanOrEqual(75);
    expect(encodeHeaderValue('a\r\nBcc: x')).toBe('a Bcc: x');
  });
});

describe('EmailNotifier', () => {
  it('mails the alert as plain text with its id in a header', async () => {
    const smtp = await start();
    const notifier = new EmailNotifier({
      smtp: { host: '127.0.0.1', port: smtp.port, auth: { user: 'alerts@pulse.test', pass: 'p4ss' }, allowInsecureAuth: true, timeoutMs: 5000 },
      from: 'alerts@pulse.test',
      to: ['oncall@example.com'],
    });
    await notifier.send(spikeAlert);
    await notifier.send(leakAlert);
    expect(smtp.messages).toHaveLength(2);
    const [spike, leak] = smtp.messages;
    expect(spike).toContain(`X-Pulse-Alert-Id: ${spikeAlert.id}`);
    expect(spike).toContain('Subject: [CRITICAL] Negative mentions spike: beeline');
    expect(spike).toContain('Mentions: 120 in 5 min');
    expect(leak).toContain('> Слили спеку ORION-7 <b>до</b> релиза & всё такое');
  });
});
