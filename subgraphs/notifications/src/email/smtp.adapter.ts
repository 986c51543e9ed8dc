import { createTransport } from 'nodemailer';
import type { EmailAdapter, EmailMessage } from './email.adapter.js';

/** Sends through the SMTP server in `smtpUrl` (smtp:// or smtps://, credentials in the URL), pooling connections. */
export function smtpEmailAdapter(smtpUrl: string, from: string, timeoutMs = 10_000): EmailAdapter {
  const url = new URL(smtpUrl);
  const transport = createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    // A server that hangs must fail the attempt (and so be retried later), not hold a worker slot.
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    name: 'smtp',
    send: async (message: EmailMessage) => {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close: async () => transport.close(),
  };
}
