import { type Logger, pino } from 'pino';

export type { Logger };

/** The one logger of a process; stages and requests take children of it with their ids. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['*.authorization', '*.Authorization', '*.token', '*.password', '*.secret', '*.apiKey'],
      censor: '[redacted]',
    },
  });
}
