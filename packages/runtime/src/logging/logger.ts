import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** JSON logs on stdout (one object a line) so any log shipper can parse them. */
export function createLogger(name: string, level: LoggerOptions['level'] = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { app: name, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
