import { signWebhookPayload, SIGNATURE_HEADER, type FetchLike } from '@pulse/alerting';
import type { ScoredMention } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import type { HelpdeskRoute, WorkflowRule } from '../rules/rule.model.js';
import type { MentionEventInput } from '../workflow/workflow.model.js';
import { renderPayload } from './helpdesk-payload.js';

export interface HelpdeskRouterOptions {
  /** Where delivery outcomes are written into the mention's history (the workflow module's history). */
  store: { appendEvents(events: readonly (MentionEventInput & { mentionId: string; actor: string; at: string })[]): Promise<void> };
  logger: Logger;
  fetch?: FetchLike;
  clock?: () => number;
  /** Attempts per delivery, the first included. */
  maxAttempts?: number;
  /** Backoff before retry n is base × 2^(n-1), capped at 5 minutes. */
  retryBaseMs?: number;
  timeoutMs?: number;
}

export interface RouteRequest {
  mention: ScoredMention;
  rule: WorkflowRule;
  helpdesk: HelpdeskRoute;
  topicNames: string[];
  suggestion: string | null;
}

const MAX_BACKOFF_MS = 300_000;

/** 4xx means the helpdesk refused this request as written; retrying cannot change that (except 408 and 429). */
function permanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function pick(body: unknown, path: string): string | null {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * Sends matched mentions to helpdesks (Jira, Zendesk, any ITSM with an HTTP API) with the
 * rule's mapped payload; retries with backoff in the background and writes the outcome —
 * delivered with the ticket id, or failed with the reason — to the mention's history.
 */
export class HelpdeskRouter {
  private readonly fetch: FetchLike;
  private readonly clock: () => number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly timeoutMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly options: HelpdeskRouterOptions) {
    this.fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.clock = options.clock ?? Date.now;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 2_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  get pending(): number {
    return this.inFlight.size;
  }

  route(request: RouteRequest): void {
    const job = this.deliver(request).finally(() => this.inFlight.delete(job));
    this.inFlight.add(job);
  }

  /** Waits for deliveries in flight, retries included, up to `timeoutMs`; then gives up waiting (no new retries start). */
  async drain(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const all = Promise.all([...this.inFlight]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** For tests: every delivery settled. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliver({ mention, rule, helpdesk, topicNames, suggestion }: RouteRequest): Promise<void> {
    const body = renderPayload(helpdesk.payloadTemplate, { mention, topicNames, rule: { id: rule.id, name: rule.name }, suggestion });
    let attempt = 0;
    let lastError = '';
    for (;;) {
      attempt += 1;
      try {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-pulse-mention-id': mention.id, 'x-pulse-rule-id': rule.id };
        for (const header of helpdesk.headers) headers[header.name.toLowerCase()] = header.value;
        if (helpdesk.secret) headers[SIGNATURE_HEADER.toLowerCase()] = signWebhookPayload(helpdesk.secret, body, Math.floor(this.clock() / 1000));
        const response = await this.fetch(helpdesk.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
        const text = await response.text();
        if (response.ok) {
          let ticketId: string | null = null;
          if (helpdesk.ticketIdField) {
            try {
              ticketId = pick(JSON.parse(text), helpdesk.ticketIdField);
            } catch {
              ticketId = null;
            }
          }
          await this.record(mention.id, rule, helpdesk, { outcome: 'delivered', attempts: attempt, status: response.status, ticketId });
          return;
        }
        lastError = `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
        if (permanent(response.status)) break;
      } catch (error) {
        lastError = (error as Error).message;
      }
      if (attempt >= this.maxAttempts || this.stopping) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** (attempt - 1))));
    }
    this.options.logger.warn({ mentionId: mention.id, ruleId: rule.id, helpdesk: helpdesk.name, attempts: attempt, error: lastError }, 'helpdesk routing failed');
    await this.record(mention.id, rule, helpdesk, { outcome: 'failed', attempts: attempt, error: lastError });
  }

  private async record(mentionId: string, rule: WorkflowRule, helpdesk: HelpdeskRoute, data: Record<string, unknown>): Promise<void> {
    try {
      await this.options.store.appendEvents([
        { mentionId, actor: `rule:${rule.id}`, at: new Date(this.clock()).toISOString(), kind: 'route', data: { ruleId: rule.id, ruleName: rule.name, helpdesk: helpdesk.name, ...data } },
      ]);
    } catch (error) {
      this.options.logger.error({ err: error, mentionId, ruleId: rule.id }, 'could not record the helpdesk outcome');
    }
  }
}
