import type { IncomingHttpHeaders } from 'node:http';
import { CollectorError } from '../errors/collector.errors.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, verifyWebhookSignature } from '../sources/webhook/webhook-signature.js';
import type { KeyRegistry } from './key-registry.service.js';

export const WEBHOOK_SENDER_HEADER = 'x-pulse-source';

export interface IngestPrincipal {
  /** Who sent it: `key:<id>` or `webhook:<sender>`, for logs. */
  principal: string;
}

/**
 * What the headers alone allow: a key-authenticated request is done, a webhook from a
 * configured sender may send its body, which its signature must then cover.
 */
export type BodyPermit = { kind: 'key'; principal: string } | { kind: 'webhook'; sender: string; verify(body: string): IngestPrincipal };

/**
 * `/ingest` accepts an API key with the `ingest` or `admin` role, or a webhook signed
 * with the sender's shared secret. Whether a request may send a body at all is decided
 * from its headers (`permitBody`) before any of the body is read, so an anonymous client —
 * or one naming a sender we have no secret for — cannot make us buffer megabytes.
 */
export class IngestAuthorizer {
  constructor(
    private readonly keys: KeyRegistry,
    private readonly webhookSecrets: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** True when the request must be authorised from its body (a signed webhook). */
  isSignedWebhook(headers: IncomingHttpHeaders): boolean {
    return headers[WEBHOOK_SIGNATURE_HEADER] !== undefined;
  }

  authorizeKey(headers: IncomingHttpHeaders): IngestPrincipal {
    const header = headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new CollectorError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer <key>" (role ingest or admin), or a signed webhook');
    const key = this.keys.roleOf(match[1]!);
    if (!key) throw new CollectorError('UNAUTHENTICATED', 'unknown or revoked API key');
    if (key.role !== 'ingest' && key.role !== 'admin') {
      throw new CollectorError('FORBIDDEN', `an API key with role "${key.role}" cannot ingest: use an ingest or admin key`);
    }
    return { principal: `key:${key.id}` };
  }

  /** Throws UNAUTHENTICATED/FORBIDDEN unless the headers show a key or a configured webhook sender. */
  permitBody(headers: IncomingHttpHeaders): BodyPermit {
    if (!this.isSignedWebhook(headers)) return { kind: 'key', ...this.authorizeKey(headers) };
    const sender = this.configuredSender(headers);
    return { kind: 'webhook', sender, verify: (body) => this.authorizeWebhook(headers, body) };
  }

  authorizeWebhook(headers: IncomingHttpHeaders, body: string): IngestPrincipal {
    const sender = this.configuredSender(headers);
    const secrets = this.webhookSecrets.get(sender)!;
    const timestamp = headers[WEBHOOK_TIMESTAMP_HEADER];
    const result = verifyWebhookSignature({
      body,
      header: String(headers[WEBHOOK_SIGNATURE_HEADER]),
      secret: secrets,
      ...(typeof timestamp === 'string' ? { timestampHeader: timestamp } : {}),
    });
    if (!result.ok) throw new CollectorError('UNAUTHENTICATED', `webhook signature rejected: ${result.reason}`);
    return { principal: `webhook:${sender}` };
  }

  private configuredSender(headers: IncomingHttpHeaders): string {
    const sender = headers[WEBHOOK_SENDER_HEADER];
    if (typeof sender !== 'string' || !this.webhookSecrets.has(sender)) {
      throw new CollectorError('UNAUTHENTICATED', `signed webhooks must name a configured sender in ${WEBHOOK_SENDER_HEADER} (WEBHOOK_SECRETS)`);
    }
    return sender;
  }
}
