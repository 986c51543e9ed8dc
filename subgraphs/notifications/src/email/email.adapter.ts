/** A rendered email, ready to go. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Where emails go: SMTP when configured (smtp.adapter.ts), the log otherwise (logging.adapter.ts).
 * `send` throws when the email was not accepted; the job then retries with backoff.
 */
export interface EmailAdapter {
  readonly name: string;
  send(message: EmailMessage): Promise<void>;
  close(): Promise<void>;
}
