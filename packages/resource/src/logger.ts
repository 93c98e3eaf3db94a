/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * The logger every resource receives. The CLI backs it with pino; tests may collect lines.
 * Each vertex gets a child bound to its `kind` and `name`, so plugins never repeat them.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
}

/** A logger that drops everything: the default where nobody listens. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
