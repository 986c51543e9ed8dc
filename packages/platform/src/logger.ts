import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs, one line per event; every line names its service. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ['*.password', '*.refreshToken', '*.accessToken', '*.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
