import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs (pino, one JSON object per line). Secrets and tokens never reach them:
 * known fields are redacted by pino, and free text is scrubbed of bearer tokens, JWTs,
 * storage keys and client secrets. People's names and addresses are masked unless
 * LOG_USER_NAMES=true: the log is read by more people than the bot's answers are.
 */
export type LogFn = (line: string, fields?: { level?: 'info' | 'warn' | 'error' } & Record<string, unknown>) => void;

const SECRET_FIELDS = [
  'password',
  'secret',
  'token',
  'authorization',
  'connectionString',
  'MicrosoftAppPassword',
  'GRAPH_CLIENT_SECRET',
  'NOTIFY_BLOB_CONNECTION_STRING',
];

export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { app: 'signin-diag' },
      redact: { paths: [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), 'req.headers.authorization'], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination,
  );
}

const SCRUB: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[redacted token]'],
  [/\b(AccountKey|SharedAccessSignature|sig|client_secret|password)=([^;&\s]+)/gi, '$1=[redacted]'],
];

/** user@domain → u***@domain (the domain says which tenant, the name stays private). */
export function maskNames(text: string): string {
  return text.replace(
    /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(#EXT#)?@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g,
    (_m, first: string, _ext, domain: string) => `${first}***@${domain}`,
  );
}

export function scrub(text: string, showNames = false): string {
  let out = text;
  for (const [re, to] of SCRUB) out = out.replace(re, to);
  return showNames ? out : maskNames(out);
}

/** The `log(line, fields)` the rest of the code takes, on top of pino. */
export function lineLogger(logger: Logger, showNames = false): LogFn {
  return (line, { level = 'info', ...fields } = {}) => {
    const clean = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? scrub(v, showNames) : v]));
    logger[level](clean, scrub(line, showNames));
  };
}
