import { pino, type Logger } from 'pino';

/** A JSON logger whose lines a test can read back. */
export function capturingLogger(service: string): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug', base: { service } }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
