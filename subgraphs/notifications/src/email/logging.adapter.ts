import type { Logger } from '@lobby/platform';
import type { EmailAdapter, EmailMessage } from './email.adapter.js';

/** Development's adapter: writes the rendered email to the log instead of sending it. */
export function loggingEmailAdapter(logger: Logger, from: string): EmailAdapter {
  return {
    name: 'log',
    send: async (message: EmailMessage) => {
      logger.info({ email: { from, ...message } }, 'email written to the log (SMTP_URL is not set)');
    },
    close: async () => {},
  };
}
