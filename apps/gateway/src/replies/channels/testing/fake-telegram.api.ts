import { startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.js';

export interface FakeTelegramChat {
  username?: string;
  /** The bot was removed (or never added). */
  botRemoved?: boolean;
  messages: Map<number, { text: string; replyTo?: number }>;
}

export interface FakeTelegramState {
  /** Keyed by chat id as the API writes it (e.g. "-1001234567890"). */
  chats: Map<string, FakeTelegramChat>;
  /** Seconds to ask the bot to wait; set to answer 429. */
  retryAfter: number | null;
  afterStore: 'answer' | 'hang-up';
}

export interface FakeTelegram extends FakeApi {
  state: FakeTelegramState;
}

const fail = (status: number, description: string, parameters?: Record<string, unknown>): FakeAnswer => ({
  status,
  json: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

/**
 * The Bot API as documented for `sendMessage`: `POST /bot<token>/sendMessage` with a JSON body,
 * `reply_parameters`, `{"ok": true, "result": Message}` or `{"ok": false, "error_code",
 * "description", "parameters": {"retry_after"}}`.
 */
export async function startFakeTelegram(options: { token: string; botUsername: string }): Promise<FakeTelegram> {
  let nextId = 500;
  const state: FakeTelegramState = { chats: new Map(), retryAfter: null, afterStore: 'answer' };
  const api = await startFakeApi((req) => {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!m) return fail(404, 'Not Found');
    if (m[1] !== options.token) return fail(401, 'Unauthorized');
    if (m[2] !== 'sendMessage') return fail(404, 'Not Found: method not found');
    if (state.retryAfter !== null) return fail(429, `Too Many Requests: retry after ${state.retryAfter}`, { retry_after: state.retryAfter });
    const body = (req.json ?? {}) as { chat_id?: unknown; text?: unknown; reply_parameters?: { message_id?: unknown } };
    const chat = state.chats.get(String(body.chat_id));
    if (!chat) return fail(400, 'Bad Request: chat not found');
    if (chat.botRemoved) return fail(403, 'Forbidden: bot is not a member of the supergroup chat');
    if (typeof body.text !== 'string' || body.text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if ([...body.text].length > 4096) return fail(400, 'Bad Request: message is too long');
    const replyTo = Number(body.reply_parameters?.message_id);
    if (!chat.messages.has(replyTo)) return fail(400, 'Bad Request: message to be replied not found');
    const id = nextId++;
    chat.messages.set(id, { text: body.text, replyTo });
    if (state.afterStore === 'hang-up') {
      state.afterStore = 'answer';
      return { status: 200, hangUp: true };
    }
    const chatObject = { id: Number(body.chat_id), type: 'supergroup', title: 'Чат клиентов', ...(chat.username ? { username: chat.username } : {}) };
    return {
      status: 200,
      json: {
        ok: true,
        result: {
          message_id: id,
          from: { id: 1, is_bot: true, first_name: 'Support', username: options.botUsername },
          chat: chatObject,
          date: Math.floor(Date.now() / 1000),
          text: body.text,
          reply_to_message: { message_id: replyTo, chat: chatObject, date: 0, text: chat.messages.get(replyTo)!.text },
        },
      },
    };
  });
  return Object.assign(api, { state });
}
