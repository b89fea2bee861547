import type { Alert } from '../alerts/alert.schema.js';
import { viewAlert } from './alert.formatter.js';
import { postJson, type FetchLike } from './http.transport.js';
import type { Notifier } from './notifier.port.js';

export interface SlackNotifierOptions {
  name?: string;
  /** An incoming-webhook URL (Slack, or a compatible receiver such as Mattermost or Rocket.Chat). */
  url: string;
  timeoutMs?: number;
  fetch?: FetchLike;
}

/** Slack's mrkdwn needs only these three escaped; everything else is literal. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// Block Kit limits: header text 150 characters, section text 3000, 10 fields of 2000.
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function slackPayload(alert: Alert): { text: string; blocks: unknown[] } {
  const view = viewAlert(alert);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: false } },
    {
      type: 'section',
      fields: view.fields.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: clip(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, 2000) })),
    },
  ];
  if (view.quote) {
    const quoted = view.quote.split(/\r?\n/).map((l) => `>${escapeSlack(l)}`).join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(quoted, 3000) } });
  }
  if (view.link) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${escapeSlack(view.link)}|Open the mention>` }] });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Pulse alert \`${alert.id}\`` }] });
  // `text` is the notification preview and the fallback for clients without blocks.
  return { text: escapeSlack(view.title), blocks };
}

export class SlackNotifier implements Notifier {
  readonly name: string;

  constructor(private readonly options: SlackNotifierOptions) {
    this.name = options.name ?? 'slack';
  }

  async send(alert: Alert): Promise<void> {
    await postJson({
      channel: this.name,
      url: this.options.url,
      body: JSON.stringify(slackPayload(alert)),
      timeoutMs: this.options.timeoutMs ?? 10_000,
      fetch: this.options.fetch,
    });
  }
}
