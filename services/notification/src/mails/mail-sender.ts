import { createTransport, type Transporter } from 'nodemailer';
import type { RenderedMail } from './mail-layout';

/** One mail as it leaves: to one address, with a Message-ID that a copy sent again keeps. */
export interface OutgoingMail extends RenderedMail {
  readonly to: string;
  readonly messageId: string;
}

/**
 * SMTP through nodemailer to `SMTP_URL` (e.g. `smtp://127.0.0.1:1025`, `smtps://user:pass@host`).
 * The timeouts bound how long a worker's transaction holds its mail's row lock.
 */
export class MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  }

  close(): void {
    this.transport.close();
  }
}
