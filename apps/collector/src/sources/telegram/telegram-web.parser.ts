import { parse, type HTMLElement } from 'node-html-parser';

/** One post of a channel's public web preview (`https://t.me/s/<channel>`). */
export interface TelegramWebPost {
  /** Channel username as Telegram spells it in `data-post`. */
  channel: string;
  id: number;
  url: string;
  /** Plain text: entities decoded, `<br>` turned into newlines; empty for media-only posts. */
  text: string;
  publishedAt: string;
  authorName: string;
  views?: number;
  reactions: number;
  /** Id of the post this one replies to, when it is a reply inside the same channel. */
  replyToId?: number;
}

export interface TelegramWebPage {
  posts: TelegramWebPost[];
  /** Every post id on the page, parseable or not: the checkpoint must move past broken ones too. */
  ids: number[];
  malformed: Array<{ reason: string; post: string | undefined }>;
  subscribers?: number;
}

/** "987", "1.2K", "3,4M" → a count. */
export function parseCount(value: string | undefined): number | undefined {
  const m = /^([\d.,]+)\s*([KMB])?$/i.exec((value ?? '').trim());
  if (!m) return undefined;
  const n = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(n)) return undefined;
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(m[2] ?? '').toUpperCase() as 'K' | 'M' | 'B'] ?? 1;
  return Math.round(n * scale);
}

function isInside(el: HTMLElement, className: string): boolean {
  for (let p = el.parentNode; p; p = p.parentNode) if (p.classList?.contains(className)) return true;
  return false;
}

/** Parses a web preview page; oldest post first, as Telegram renders them. */
export function parseTelegramWebPage(html: string): TelegramWebPage {
  const root = parse(html);
  const page: TelegramWebPage = { posts: [], ids: [], malformed: [] };
  for (const counter of root.querySelectorAll('.tgme_channel_info_counter')) {
    if (/subscriber/i.test(counter.querySelector('.counter_type')?.text ?? '')) page.subscribers = parseCount(counter.querySelector('.counter_value')?.text);
  }
  for (const el of root.querySelectorAll('div.tgme_widget_message[data-post]')) {
    const dataPost = el.getAttribute('data-post');
    const m = /^([A-Za-z0-9_]+)\/(\d+)$/.exec(dataPost ?? '');
    if (!m) {
      page.malformed.push({ reason: 'telegram post without a valid data-post', post: dataPost });
      continue;
    }
    const id = Number(m[2]);
    page.ids.push(id);
    if (el.classList.contains('service_message')) continue;
    const dateLink = el.querySelector('a.tgme_widget_message_date');
    const datetime = dateLink?.querySelector('time[datetime]')?.getAttribute('datetime');
    const published = datetime ? new Date(datetime) : undefined;
    if (!published || Number.isNaN(published.getTime())) {
      page.malformed.push({ reason: 'telegram post without a valid date', post: dataPost });
      continue;
    }
    // The quoted text of a replied-to post is rendered inside the reply link: not this post's text.
    const textEl = el.querySelectorAll('.tgme_widget_message_text').find((t) => !isInside(t, 'tgme_widget_message_reply'));
    const replyHref = el.querySelector('a.tgme_widget_message_reply')?.getAttribute('href') ?? '';
    const replyTo = new RegExp(`/${m[1]}/(\\d+)$`, 'i').exec(replyHref);
    let reactions = 0;
    for (const r of el.querySelectorAll('.tgme_reaction')) reactions += parseCount(/([\d.,]+\s*[KMB]?)\s*$/i.exec(r.text.trim())?.[1]) ?? 0;
    page.posts.push({
      channel: m[1]!,
      id,
      url: dateLink?.getAttribute('href') ?? `https://t.me/${m[1]}/${id}`,
      text: (textEl?.text ?? '').trim(),
      publishedAt: published.toISOString(),
      authorName: el.querySelector('.tgme_widget_message_owner_name')?.text.trim() ?? '',
      views: parseCount(el.querySelector('.tgme_widget_message_views')?.text),
      reactions,
      ...(replyTo ? { replyToId: Number(replyTo[1]) } : {}),
    });
  }
  return page;
}
