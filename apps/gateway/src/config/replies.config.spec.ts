import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { gatewaySettings, gatewaySettingsSchema, refineGatewayEnv } from './gateway.config.js';
import { SecretRef } from './secret-ref.js';

const dir = mkdtempSync(join(tmpdir(), 'pulse-reply-config-'));
const secretFile = join(dir, 'vk-token');
writeFileSync(secretFile, 'vk-community-token-1\n');

const vk = { id: 'mts-vk', name: 'МТС ВКонтакте', source: 'vk', topics: ['mts'], groupId: 42, token: `file:${secretFile}` };
const parse = (env: Record<string, string>) => gatewaySettingsSchema.superRefine(refineGatewayEnv).safeParse(env);

describe('reply accounts in the gateway config', () => {
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads accounts with secret references and keeps credentials out of anything printed', () => {
    vi.stubEnv('PULSE_TEST_X_TOKEN', 'x-user-token');
    const env = parse({ REPLY_ACCOUNTS: JSON.stringify([vk, { id: 'mts-x', name: 'МТС в X', source: 'x', topics: ['*'], token: 'env:PULSE_TEST_X_TOKEN' }]) });
    expect(env.success).toBe(true);
    const replies = gatewaySettings(env.data!).replies!;
    expect(replies.accounts.map((a) => [a.id, a.source])).toEqual([['mts-vk', 'vk'], ['mts-x', 'twitter']]);
    const [vkAccount, xAccount] = replies.accounts;
    expect(vkAccount?.source === 'vk' && vkAccount.token.value()).toBe('vk-community-token-1');
    expect(xAccount?.source === 'twitter' && xAccount.token.value()).toBe('x-user-token');
    const printed = `${JSON.stringify(replies)} ${inspect(replies, { depth: 10 })}`;
    expect(printed).not.toContain('vk-community-token-1');
    expect(printed).not.toContain('x-user-token');
    expect(printed).toContain(`[secret file:${secretFile}]`);
    expect(replies.api.vk).toBe('https://api.vk.com/method');
  });

  it('reads a rotated secret file on the next use, without a restart', () => {
    const rotating = join(dir, 'rotating');
    writeFileSync(rotating, 'first');
    const ref = new SecretRef(`file:${rotating}`);
    expect(ref.value()).toBe('first');
    writeFileSync(rotating, 'second');
    expect(ref.value()).toBe('second');
  });

  it('reports every broken account at once, by path, without quoting a secret', () => {
    vi.stubEnv('PULSE_TEST_SET_TOKEN', 'inline-looking-secret');
    const result = parse({
      REPLY_ACCOUNTS: JSON.stringify([
        { ...vk, token: 'env:PULSE_TEST_MISSING_TOKEN' },
        { ...vk, id: 'inline', token: 'vk1.a.raw-token-pasted-here' },
        { id: 'mts-vk', name: 'dup', source: 'telegram', topics: ['mts'], botToken: `file:${join(dir, 'nope')}` },
        { id: 'rss', name: 'rss', source: 'rss', topics: ['mts'] },
        { id: 'no-topics', name: 'x', source: 'mastodon', topics: [], instanceUrl: 'ftp://x', token: 'env:PULSE_TEST_SET_TOKEN' },
      ]),
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'REPLY_ACCOUNTS.0.token: environment variable PULSE_TEST_MISSING_TOKEN is not set',
        expect.stringMatching(/^REPLY_ACCOUNTS\.1\.token: expected "env:VARIABLE_NAME" or "file:/),
        `REPLY_ACCOUNTS.2.botToken: secret file ${join(dir, 'nope')} cannot be read`,
        expect.stringMatching(/^REPLY_ACCOUNTS\.3\.source: /),
        'REPLY_ACCOUNTS.4.topics: name at least one topic id, or "*"',
        'REPLY_ACCOUNTS.4.instanceUrl: expected an http(s) URL',
      ]),
    );
    expect(JSON.stringify(result.error!.issues)).not.toContain('vk1.a.raw-token-pasted-here');
  });

  it('takes accounts from a file too, and refuses an id defined in both places', () => {
    const file = join(dir, 'accounts.json');
    writeFileSync(file, JSON.stringify([{ ...vk, id: 'beeline-vk', topics: ['beeline'] }]));
    const both = parse({ REPLY_ACCOUNTS: JSON.stringify([vk]), REPLY_ACCOUNTS_FILE: file });
    expect(gatewaySettings(both.data!).replies!.accounts.map((a) => a.id)).toEqual(['mts-vk', 'beeline-vk']);

    writeFileSync(file, JSON.stringify([vk]));
    const clash = parse({ REPLY_ACCOUNTS: JSON.stringify([vk]), REPLY_ACCOUNTS_FILE: file });
    expect(clash.error?.issues.map((i) => i.message)).toEqual(['account id "mts-vk" is in both REPLY_ACCOUNTS and REPLY_ACCOUNTS_FILE']);
    expect(parse({ REPLY_ACCOUNTS: JSON.stringify([vk, vk]) }).error?.issues.map((i) => i.message)).toEqual(['account id "mts-vk" is used twice']);
    expect(parse({ REPLY_ACCOUNTS: '[{' }).error?.issues[0]?.message).toMatch(/expected a JSON array of accounts/);
  });
});
