import { afterEach, describe, expect, it } from 'vitest';
import { leakAlert, spikeAlert } from '../testing/alert.fixture.js';
import { rejection } from '../testing/rejection.fixture.js';
import { startSilentServer, startTestSmtp, TEST_TLS_CERT, type TestSmtpOptions } from '../testing/smtp-server.fixture.js';
import { EmailNotifier } from './email.notifier.js';
import { SmtpClient, SmtpError, type SmtpClientOptions, type SmtpMessage } from './smtp.client.js';

const NOW = Date.parse('2026-03-01T02:07:00.000Z');
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function start(options: TestSmtpOptions = {}): Promise<Awaited<ReturnType<typeof startTestSmtp>>> {
  const server = await startTestSmtp({ user: 'alerts@pulse.test', pass: 'p4ss', ...options });
  closers.push(server.close);
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
  fromName: 'Pulse alerts',
  to: ['oncall@example.com', 'support@example.com'],
  subject: 'Всплеск негатива: beeline',
  text: 'first line\n.starts with a dot\n.\n..two dots\nlast line',
  headers: { 'X-Pulse-Alert-Id': 'spike:beeline:1' },
};

describe('SmtpClient (nodemailer) against smtp-server', () => {
  it('delivers envelope, headers and body as given, after AUTH PLAIN, with the EHLO name and the clock as Date', async () => {
    const smtp = await start();
    const delivery = await client(smtp.port).send(message);
    expect(delivery.response).toMatch(/^250 /);
    expect(smtp.logins).toEqual([{ method: 'PLAIN', user: 'alerts@pulse.test', pass: 'p4ss', secure: false }]);
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail).toMatchObject({
      envelope: { from: 'alerts@pulse.test', to: ['oncall@example.com', 'support@example.com'] },
      clientName: 'pulse.test',
      user: 'alerts@pulse.test',
      secure: false,
    });
    const parsed = mail!.parsed;
    expect(parsed.from?.value).toEqual([{ name: 'Pulse alerts', address: 'alerts@pulse.test' }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual(['oncall@example.com', 'support@example.com']);
    expect(parsed.subject).toBe('Всплеск негатива: beeline');
    expect(parsed.date?.toISOString()).toBe('2026-03-01T02:07:00.000Z');
    expect(parsed.messageId).toMatch(/^<.+@pulse\.test>$/);
    expect(parsed.headers.get('x-pulse-alert-id')).toBe('spike:beeline:1');
    // Lines of dots survive the DATA phase (nodemailer dot-stuffs, the server un-stuffs).
    expect(parsed.text?.replace(/\n$/, '')).toBe(message.text);
    // Non-ASCII headers never go out raw.
    expect(mail!.raw).not.toContain('Всплеск');
    expect(delivery.messageId).toBe(parsed.messageId);
  });

  it('upgrades with STARTTLS, verifies the certificate against the given CA and authenticates over TLS only', async () => {
    const smtp = await start({ starttls: true });
    await client(smtp.port, { allowInsecureAuth: false, starttls: 'required', tls: { ca: TEST_TLS_CERT } }).send(message);
    expect(smtp.logins).toEqual([{ method: 'PLAIN', user: 'alerts@pulse.test', pass: 'p4ss', secure: true }]);
    expect(smtp.mails.map((m) => m.secure)).toEqual([true]);
  });

  it('speaks TLS from the first byte with secure (SMTPS)', async () => {
    const smtp = await start({ secure: true });
    await client(smtp.port, { secure: true, allowInsecureAuth: false, tls: { ca: TEST_TLS_CERT } }).send(message);
    expect(smtp.logins.map((l) => l.secure)).toEqual([true]);
    expect(smtp.mails.map((m) => m.secure)).toEqual([true]);
  });

  it('refuses a server certificate it cannot verify, before any credentials or mail', async () => {
    const smtp = await start({ starttls: true });
    const error = await rejection<SmtpError>(client(smtp.port, { starttls: 'required' }).send(message));
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({ command: 'STARTTLS', permanent: false, code: null });
    expect(error.message).toMatch(/^TLS handshake failed/);
    expect((error.cause as Error).message).toMatch(/self-signed certificate/);
    expect(smtp.logins).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });

  it('uses AUTH LOGIN when the server offers only that, and a non-ASCII body arrives intact', async () => {
    const smtp = await start({ authMethods: ['LOGIN'] });
    await client(smtp.port).send({ ...message, text: 'Привет\n.точка' });
    expect(smtp.logins).toEqual([{ method: 'LOGIN', user: 'alerts@pulse.test', pass: 'p4ss', secure: false }]);
    expect(smtp.mails[0]?.parsed.text?.replace(/\n$/, '')).toBe('Привет\n.точка');
  });

  it('refuses to send credentials in plain text unless allowed: STARTTLS becomes required', async () => {
    const smtp = await start();
    const error = await rejection<SmtpError>(client(smtp.port, { allowInsecureAuth: false }).send(message));
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({ permanent: true, command: 'AUTH' });
    expect(error.message).toMatch(/refusing to send credentials over an unencrypted connection/);
    expect(smtp.logins).toEqual([]);
    expect(smtp.mails).toEqual([]);
    // With STARTTLS switched off there is nothing to wait for: refused without connecting.
    await expect(client(1, { allowInsecureAuth: false, starttls: 'never' }).send(message)).rejects.toMatchObject({ permanent: true, command: 'AUTH' });
  });

  it('sends without STARTTLS when told never to use it, even where offered', async () => {
    const smtp = await start({ starttls: true });
    await client(smtp.port, { starttls: 'never' }).send(message);
    expect(smtp.mails.map((m) => m.secure)).toEqual([false]);
  });

  it('fails when STARTTLS is required but not offered', async () => {
    const smtp = await start();
    await expect(client(smtp.port, { starttls: 'required' }).send(message)).rejects.toMatchObject({ permanent: true, command: 'STARTTLS' });
    expect(smtp.mails).toEqual([]);
  });

  it('fails at AUTH when credentials are configured but the server offers no AUTH, instead of sending unauthenticated', async () => {
    const smtp = await start({ user: undefined });
    const error = await rejection<SmtpError>(client(smtp.port).send(message));
    expect(error).toMatchObject({ command: 'AUTH', permanent: true });
    expect(smtp.mails).toEqual([]);
  });

  it('surfaces a 5xx reply as a permanent error with its code, and a 4xx as retryable, nodemailer error as cause', async () => {
    const rejecting = await start({ rcptTo: () => ({ code: 550, message: '5.1.1 Recipient address rejected' }) });
    const permanent = await rejection<SmtpError>(client(rejecting.port).send(message));
    expect(permanent).toMatchObject({ code: 550, status: 550, permanent: true, command: 'RCPT TO' });
    expect(permanent.message).toContain('Recipient address rejected');
    expect(permanent.cause).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });

    const greylisting = await start({ mailFrom: { code: 451, message: '4.7.1 Greylisted, try again later' } });
    const transient = await rejection<SmtpError>(client(greylisting.port).send(message));
    expect(transient).toMatchObject({ code: 451, permanent: false, command: 'MAIL FROM' });
    expect(transient.message).toContain('Greylisted, try again later');
  });

  it('fails the send when one recipient of two is rejected (a config typo must not pass for a delivery)', async () => {
    const smtp = await start({ rcptTo: (a) => (a === 'support@example.com' ? { code: 550, message: 'No such user' } : undefined) });
    const error = await rejection<SmtpError>(client(smtp.port).send(message));
    expect(error).toMatchObject({ code: 550, permanent: true, command: 'RCPT TO' });
    expect(error.message).toContain('1 of 2 recipients');
    expect(error.message).not.toContain('support@example.com');
    // nodemailer has already handed the message over for the accepted one.
    expect(smtp.mails.map((m) => m.envelope.to)).toEqual([['oncall@example.com']]);
  });

  it('reports rejected credentials without echoing them', async () => {
    const smtp = await start({ pass: 'other' });
    const error = await rejection<SmtpError>(client(smtp.port).send(message));
    expect(error).toMatchObject({ code: 535, permanent: true, command: 'AUTH' });
    expect(error.message).not.toContain('p4ss');
    expect(smtp.mails).toEqual([]);
  });

  it('surfaces a rejected message body after DATA', async () => {
    const smtp = await start({ message: { code: 554, message: '5.7.1 Message rejected as spam' } });
    await expect(client(smtp.port).send(message)).rejects.toMatchObject({ code: 554, permanent: true, command: 'message' });
  });

  it('times out on a server that never answers, as a retryable failure', async () => {
    const silent = await startSilentServer();
    closers.push(silent.close);
    const t0 = Date.now();
    const error = await rejection<SmtpError>(client(silent.port, { timeoutMs: 300 }).send(message));
    // nodemailer's greeting timer and its idle-socket timer both run 300 ms here: either may report it.
    expect(error).toMatchObject({ permanent: false, code: null });
    expect(['greeting', 'connection']).toContain(error.command);
    expect(error.message).toMatch(/^no reply (to greeting )?within 300 ms$/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('rejects header injection through addresses before connecting', async () => {
    await expect(client(1).send({ ...message, to: ['a@b.c\r\nRCPT TO:<x@y.z>'] })).rejects.toMatchObject({ permanent: true, command: 'address' });
    await expect(client(1).send({ ...message, to: [] })).rejects.toMatchObject({ permanent: true, command: 'address' });
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
    expect(smtp.mails).toHaveLength(2);
    const [spike, leak] = smtp.mails.map((m) => m.parsed);
    expect(spike?.from?.value).toEqual([{ name: 'Pulse alerts', address: 'alerts@pulse.test' }]);
    expect(spike?.headers.get('x-pulse-alert-id')).toBe(spikeAlert.id);
    expect(spike?.subject).toBe('[CRITICAL] Negative mentions spike: beeline');
    expect(spike?.text).toContain('Mentions: 120 in 5 min');
    expect(spike?.html).toBe(false);
    expect(leak?.text).toContain('> Слили спеку ORION-7 <b>до</b> релиза & всё такое');
  });

  it('sends another message (a report) to the same recipients, with a PDF attached', async () => {
    const smtp = await start();
    const notifier = new EmailNotifier({
      smtp: { host: '127.0.0.1', port: smtp.port, auth: { user: 'alerts@pulse.test', pass: 'p4ss' }, allowInsecureAuth: true, timeoutMs: 5000 },
      from: 'alerts@pulse.test',
      to: ['board@example.com', 'support@example.com'],
    });
    const pdf = Buffer.from('%PDF-1.7\n% not really a report\n%%EOF\n', 'latin1');
    const delivery = await notifier.sendMessage({
      subject: 'Weekly report: МТС',
      text: 'Mentions: 7',
      fromName: 'Pulse reports',
      headers: { 'X-Pulse-Report': 'weekly' },
      attachments: [{ filename: 'pulse-report-mts.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    expect(delivery.response).toMatch(/^250/);
    const [mail] = smtp.mails;
    expect(mail?.envelope.to).toEqual(['board@example.com', 'support@example.com']);
    expect(mail?.parsed.from?.value).toEqual([{ name: 'Pulse reports', address: 'alerts@pulse.test' }]);
    expect(mail?.parsed.subject).toBe('Weekly report: МТС');
    expect(mail?.parsed.text?.trim()).toBe('Mentions: 7');
    expect(mail?.parsed.headers.get('x-pulse-report')).toBe('weekly');
    expect(mail?.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([['pulse-report-mts.pdf', 'application/pdf', true]]);
  });
});
