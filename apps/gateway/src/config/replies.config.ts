import { readFileSync } from 'node:fs';
import { canonicalSource } from '@pulse/contracts';
import { envPositiveInt } from '@pulse/runtime';
import { z } from 'zod';
import { secretRefSchema } from './secret-ref.js';

/**
 * The brand's own accounts that replies are posted from, per source and topic. Credentials are
 * secret references (`env:NAME`, `file:/path`); the API returns only ids, names and handles.
 */
const common = {
  /** Stable id the API and the dashboard pick the account by. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", up to 64'),
  /** Shown to agents, e.g. "МТС in VK". */
  name: z.string().trim().min(1).max(200),
  /** Topic ids whose mentions this account answers; ["*"] for every topic. */
  topics: z.array(z.string().min(1)).min(1, 'name at least one topic id, or "*"'),
};

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

export const replyAccountSchema = z.discriminatedUnion('source', [
  // A community (group) access token with the "wall" right; comments are posted as the community.
  z.object({ ...common, source: z.literal('vk'), groupId: z.number().int().positive(), token: secretRefSchema }),
  // A user-context OAuth 2.0 access token (tweet.read tweet.write users.read) of the brand's account.
  z.object({ ...common, source: z.literal('twitter'), handle: z.string().min(1).optional(), token: secretRefSchema }),
  // A bot that is a member of the chats it answers in.
  z.object({ ...common, source: z.literal('telegram'), botToken: secretRefSchema, botUsername: z.string().min(1).optional() }),
  // An access token with write:statuses (and read:search, read:statuses for lookups) on the brand's instance.
  z.object({ ...common, source: z.literal('mastodon'), instanceUrl: httpUrl, token: secretRefSchema, handle: z.string().min(1).optional() }),
  // A "script" app of the brand's account (password grant, scopes submit and history).
  z.object({ ...common, source: z.literal('reddit'), username: z.string().min(1), clientId: z.string().min(1), clientSecret: secretRefSchema, password: secretRefSchema }),
  // An OAuth client and the brand channel's refresh token (scope youtube.force-ssl).
  z.object({ ...common, source: z.literal('youtube'), channelId: z.string().min(1), clientId: z.string().min(1), clientSecret: secretRefSchema, refreshToken: secretRefSchema }),
  // The brand's handle and an app password, on its PDS.
  z.object({ ...common, source: z.literal('bluesky'), handle: z.string().min(1), appPassword: secretRefSchema, pdsUrl: httpUrl.default('https://bsky.social') }),
]);

export type ReplyAccountConfig = z.output<typeof replyAccountSchema>;
export type ReplySource = ReplyAccountConfig['source'];
export const REPLY_SOURCES: readonly ReplySource[] = ['vk', 'twitter', 'telegram', 'mastodon', 'reddit', 'youtube', 'bluesky'];

const accountListSchema = z
  .array(z.preprocess((value) => (value && typeof value === 'object' && 'source' in value ? { ...value, source: canonicalSource(String(value.source)) } : value), replyAccountSchema))
  .superRefine((accounts, ctx) => {
    const seen = new Set<string>();
    accounts.forEach((account, index) => {
      if (seen.has(account.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `account id "${account.id}" is used twice` });
      seen.add(account.id);
    });
  });

const JSON_SHAPE = 'expected a JSON array of accounts: [{"id","name","source","topics":[...], ...credentials as "env:NAME" or "file:/path"}]';

function parseJson(text: string, ctx: z.RefinementCtx): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: JSON_SHAPE });
    return z.NEVER;
  }
}

/** The accounts as JSON in one variable. */
export const envReplyAccounts = z.string().transform(parseJson).pipe(accountListSchema);

/** The accounts as a JSON file (a mounted ConfigMap); same shape. */
export const envReplyAccountsFile = z
  .string()
  .transform((path, ctx) => {
    try {
      return parseJson(readFileSync(path, 'utf8'), ctx);
    } catch {
      ctx.addIssue({ code: 'custom', message: `cannot read ${path}` });
      return z.NEVER;
    }
  })
  .pipe(accountListSchema);

/** The reply variables of the gateway's environment (see gateway.config.ts). */
export const repliesEnvShape = {
  REPLY_ACCOUNTS: envReplyAccounts.optional(),
  REPLY_ACCOUNTS_FILE: envReplyAccountsFile.optional(),
  /** Per call to a source's API; a posting call that runs out is reported as OUTCOME_UNKNOWN. */
  REPLY_TIMEOUT_MS: envPositiveInt.max(120_000).default(15_000),
  // API bases, for proxies and tests (the fakes). Mastodon and Bluesky take theirs per account.
  REPLY_VK_API_URL: httpUrl.default('https://api.vk.com/method'),
  REPLY_X_API_URL: httpUrl.default('https://api.x.com'),
  REPLY_TELEGRAM_API_URL: httpUrl.default('https://api.telegram.org'),
  REPLY_REDDIT_API_URL: httpUrl.default('https://oauth.reddit.com'),
  REPLY_REDDIT_AUTH_URL: httpUrl.default('https://www.reddit.com'),
  REPLY_YOUTUBE_API_URL: httpUrl.default('https://www.googleapis.com/youtube/v3'),
  REPLY_GOOGLE_TOKEN_URL: httpUrl.default('https://oauth2.googleapis.com/token'),
};

const repliesEnvSchema = z.object(repliesEnvShape);
type RepliesEnv = z.output<typeof repliesEnvSchema>;

export interface ApiBases {
  vk: string;
  x: string;
  telegram: string;
  reddit: string;
  redditAuth: string;
  youtube: string;
  googleToken: string;
}

export interface RepliesConfig {
  accounts: ReplyAccountConfig[];
  timeoutMs: number;
  api: ApiBases;
}

const trim = (url: string) => url.replace(/\/+$/, '');

/** Each list is checked on its own by zod; the same id in both is caught here (for refineGatewayEnv). */
export function replyEnvProblems(env: Partial<Pick<RepliesEnv, 'REPLY_ACCOUNTS' | 'REPLY_ACCOUNTS_FILE'>>): { path: string; message: string }[] {
  const inFile = new Set((env.REPLY_ACCOUNTS_FILE ?? []).map((a) => a.id));
  return (env.REPLY_ACCOUNTS ?? [])
    .filter((a) => inFile.has(a.id))
    .map((a) => ({ path: 'REPLY_ACCOUNTS', message: `account id "${a.id}" is in both REPLY_ACCOUNTS and REPLY_ACCOUNTS_FILE` }));
}

export function repliesSettings(env: RepliesEnv): RepliesConfig {
  const problems = replyEnvProblems(env);
  // Hosts that extend the schema without refineGatewayEnv still must not start with ambiguous accounts.
  if (problems.length > 0) throw new Error(`invalid reply accounts: ${problems.map((p) => p.message).join('; ')}`);
  const accounts = [...(env.REPLY_ACCOUNTS ?? []), ...(env.REPLY_ACCOUNTS_FILE ?? [])];
  return {
    accounts,
    timeoutMs: env.REPLY_TIMEOUT_MS,
    api: {
      vk: trim(env.REPLY_VK_API_URL),
      x: trim(env.REPLY_X_API_URL),
      telegram: trim(env.REPLY_TELEGRAM_API_URL),
      reddit: trim(env.REPLY_REDDIT_API_URL),
      redditAuth: trim(env.REPLY_REDDIT_AUTH_URL),
      youtube: trim(env.REPLY_YOUTUBE_API_URL),
      googleToken: env.REPLY_GOOGLE_TOKEN_URL,
    },
  };
}

/** Defaults when the host passes no reply settings (tests building a config by hand). */
export const DEFAULT_REPLIES_CONFIG: RepliesConfig = repliesSettings(repliesEnvSchema.parse({}));
