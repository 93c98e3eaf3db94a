import { pino } from 'pino';
import type { LogFields, Logger } from '@mgmt/resource';

export type LogFormat = 'text' | 'json';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 20, info: 30, warn: 40, error: 50 };

/** JSON lines through pino: one object a line, child bindings as fields. */
function jsonLogger(level: LogLevel, base: LogFields): Logger {
  const wrap = (p: pino.Logger): Logger => ({
    debug: (m, f) => p.debug(f ?? {}, m),
    info: (m, f) => p.info(f ?? {}, m),
    warn: (m, f) => p.warn(f ?? {}, m),
    error: (m, f) => p.error(f ?? {}, m),
    child: (b) => wrap(p.child(b)),
  });
  return wrap(pino({ level, base }, pino.destination({ dest: 1, sync: true })));
}

const TAGS: Record<LogLevel, string> = { debug: 'debug', info: 'info ', warn: 'warn ', error: 'error' };
const COLORS: Record<LogLevel, string> = { debug: '\x1b[2m', info: '', warn: '\x1b[33m', error: '\x1b[31m' };

/** Readable lines for a terminal: `12:00:01.123 info  exec[a]: run sleep 1 (1003 ms)`. */
function textLogger(level: LogLevel, color: boolean, write: (line: string) => void): Logger {
  const min = RANK[level];
  const line = (l: LogLevel) => (message: string) => {
    if (RANK[l] < min) return;
    const time = new Date().toISOString().slice(11, 23);
    const text = `${time} ${TAGS[l]} ${message}`;
    write(color && COLORS[l] ? `${COLORS[l]}${text}\x1b[0m\n` : `${text}\n`);
  };
  const logger: Logger = { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error'), child: () => logger };
  return logger;
}

/** `write` takes the text format's lines instead of stdout (the status line passes them through). */
export function createLogger(opts: { format: LogFormat; level: LogLevel; hostname: string; write?: (text: string) => void }): Logger {
  if (opts.format === 'json') return jsonLogger(opts.level, { host: opts.hostname });
  return textLogger(opts.level, process.stdout.isTTY === true, opts.write ?? ((s) => process.stdout.write(s)));
}
