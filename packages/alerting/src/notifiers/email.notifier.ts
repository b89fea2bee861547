import type { Alert } from '../alerts/alert.schema.js';
import { alertPlainText, viewAlert } from './alert.formatter.js';
import type { Notifier } from './notifier.port.js';
import { SmtpClient, type SmtpAttachment, type SmtpClientOptions, type SmtpDelivery } from './smtp.client.js';

export interface EmailNotifierOptions {
  name?: string;
  smtp: SmtpClientOptions | SmtpClient;
  from: string;
  fromName?: string;
  to: readonly string[];
}

/**
 * One plain-text email per alert to every recipient. A recipient the server rejects fails
 * the send (the accepted ones have the message): a partial delivery that reports success would
 * hide a typo in the config. 5xx rejections are permanent, so that failure is not retried.
 */
export class EmailNotifier implements Notifier {
  readonly name: string;
  private readonly client: SmtpClient;

  constructor(private readonly options: EmailNotifierOptions) {
    this.name = options.name ?? 'email';
    this.client = options.smtp instanceof SmtpClient ? options.smtp : new SmtpClient(options.smtp);
  }

  /**
   * Any other message to the same recipients through the same server and sender (the weekly
   * period report with its PDF): one configured mail channel, one set of credentials.
   */
  sendMessage(message: { subject: string; text: string; fromName?: string; headers?: Record<string, string>; attachments?: readonly SmtpAttachment[] }): Promise<SmtpDelivery> {
    return this.client.send({
      from: this.options.from,
      fromName: message.fromName ?? this.options.fromName ?? 'Pulse',
      to: this.options.to,
      subject: message.subject,
      text: message.text,
      ...(message.headers ? { headers: message.headers } : {}),
      ...(message.attachments ? { attachments: message.attachments } : {}),
    });
  }

  async send(alert: Alert): Promise<void> {
    await this.client.send({
      from: this.options.from,
      fromName: this.options.fromName ?? 'Pulse alerts',
      to: this.options.to,
      subject: viewAlert(alert).title,
      text: alertPlainText(alert),
      headers: { 'X-Pulse-Alert-Id': alert.id },
    });
  }
}
