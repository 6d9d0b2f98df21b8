// A small structured logger. It never writes secrets or message plaintext: callers pass a fixed
// message and fields; fields whose names suggest keys, tokens or content are redacted, strings
// are cut short, and errors are reduced to their name, code and message (our errors never carry
// parameter values).
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogValue = string | number | boolean | null | undefined | Error;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface LogRecord {
  readonly time: string;
  readonly level: LogLevel;
  readonly scope: string;
  readonly msg: string;
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger for a part of the engine, e.g. log.child('store'). */
  child(scope: string): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly scope?: string;
  /** Where records go; JSON lines on stderr by default. */
  readonly sink?: (record: LogRecord) => void;
  readonly now?: () => Date;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names that may hold secrets or user content. */
const SENSITIVE =
  /(secret|key|token|pass(word|phrase)?|auth|cookie|plain|body|text|content|message|msg|image|avatar|name|link|uri|url|profile|payload|input|data)/i;
const MAX_STRING = 200;

function clean(key: string, value: LogValue): string | number | boolean | null {
  if (value instanceof Error) {
    const code = 'code' in value && typeof value.code === 'string' ? ` [${value.code}]` : '';
    return `${value.name}${code}: ${value.message}`.slice(0, MAX_STRING * 2);
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (SENSITIVE.test(key)) return '[redacted]';
  return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
}

export function stderrSink(record: LogRecord): void {
  console.error(JSON.stringify(record));
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const sink = options.sink ?? stderrSink;
  const now = options.now ?? (() => new Date());
  const scope = options.scope ?? 'engine';

  const write = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    if (ORDER[level] < threshold) return;
    const out: Record<string, string | number | boolean | null> = {};
    for (const [k, v] of Object.entries(fields)) out[k] = clean(k, v);
    sink({ time: now().toISOString(), level, scope, msg, fields: out });
  };

  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (child) => createLogger({ ...options, scope: `${scope}.${child}` }),
  };
}

/** For tests and embedders that want silence. */
export const silentLogger: Logger = createLogger({ sink: () => undefined });

export function logLevelFromEnv(value: string | undefined): LogLevel {
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}
