import { DiagError, type ErrorKind } from '../../errors.ts';
import { z } from 'zod';
import type { LogFn } from '../../log.ts';
import { BudgetPaused, type Priority, type RequestBudget } from './budget.ts';
import { WAIT_CAP_MS, WaitAllowance, retryAfterMs, scopedAllowance, throttledSentence } from './throttle.ts';

/**
 * Microsoft Graph over fetch: a token per request from @azure/identity, the shared budget
 * for the sign-in reports API, a short-lived cache (several agents asking about the same
 * person within a minute cost one request), bounded retries that honour Retry-After within
 * a bounded wait, and errors turned into sentences an admin can act on.
 *
 * The token goes to one origin only: the base URL's. A path the code built is sent only if
 * the URL keeps it exactly (no `..` folded away, nothing spilling into the query); an
 * absolute URL (a next link) only if it is on the base URL's origin; redirects are not
 * followed.
 */
export interface TokenSource {
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

export interface GraphClientOptions {
  credential: TokenSource;
  baseUrl?: string;
  reportsBudget: RequestBudget;
  maxRetries?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Told when a request has to wait (throttling, the budget), so the bot can say so. */
  onWait?: (ms: number, why: string) => void;
  /** The most one lookup may wait for Graph in total, by who is waiting (defaults: WAIT_CAP_MS). */
  waitCapMs?: Partial<Record<Priority, number>>;
  /** Where refusals and long waits are logged (a next link to another site, throttling). */
  log?: LogFn;
}

/** Microsoft Graph's answer as one of the kinds a person is told about (src/errors.ts), keeping Graph's status and code for the log. */
export class GraphError extends DiagError {
  constructor(
    readonly status: number,
    /** Graph's own error code (`Authorization_RequestDenied`), or ours for what never reached Graph (`UnsafePath`, `Timeout`). */
    readonly code: string,
    message: string,
    /** What it means for the person asking, and what to do. */
    explanation: string,
  ) {
    super(graphErrorKind(status, code, explanation), explanation, message);
    this.name = 'GraphError';
  }
}

function graphErrorKind(status: number, code: string, explanation: string): ErrorKind {
  if (/P1 or P2/.test(explanation)) return 'licenceMissing';
  if (code === 'Throttled' || status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'permissionMissing';
  if (status === 400 || code === 'UnsafePath') return 'badInput';
  return 'sourceUnavailable';
}

export interface RequestOptions {
  /** The sign-in reports API: goes through the budget. */
  reports?: boolean;
  priority?: Priority;
  /** 0 to skip the cache. */
  cacheMs?: number;
  headers?: Record<string, string>;
  /** A JSON body: the request is a POST (never cached). */
  body?: unknown;
  /** Waiting time shared with the other requests of the same lookup (its pages); default: a fresh one. */
  allowance?: WaitAllowance;
}

const RETRY_STATUS = new Set([429, 503, 504]);
const ErrorBody = z.object({ error: z.object({ code: z.string().optional().catch(undefined), message: z.string().optional().catch(undefined) }) });

export function explainGraphError(status: number, code: string, message: string, url: string): string {
  const reports = /auditLogs/i.test(url);
  if (/premium licen[cs]e|B2C/i.test(message))
    return 'Reading sign-ins through Microsoft Graph needs a Microsoft Entra ID P1 or P2 licence in this tenant. Without one, use an export (a tenant folder) or Log Analytics.';
  if (status === 401) return 'Microsoft Graph did not accept the bot’s token: check the tenant id, client id and secret or certificate in the settings.';
  if (status === 403 && reports)
    return 'The bot’s app registration cannot read sign-in logs: grant it the AuditLog.Read.All application permission (with admin consent).';
  if (status === 403 && /conditionalAccess\/evaluate/i.test(url))
    return 'The bot cannot call Microsoft’s What If API: grant Policy.Read.ConditionalAccess (admin consent). The local evaluation stands on its own.';
  if (status === 403 && /conditionalAccess/i.test(url))
    return 'The bot cannot read Conditional Access policies: grant Policy.Read.All (admin consent). Diagnoses go on without policy definitions.';
  if (status === 403) return 'The bot’s app registration lacks a permission for this directory data (User.Read.All or Directory.Read.All).';
  if (status === 400) return `Microsoft Graph did not accept the query (${code}: ${message}).`;
  if (status === 429) return 'Microsoft Graph is throttling the bot; the answer is late, not lost. Try again in a minute.';
  if (status >= 300 && status < 400)
    return 'Microsoft Graph answered with a redirect to another address; the bot does not follow redirects (its token would go along). Try again, and if it persists tell the bot’s administrator.';
  if (status >= 500) return 'Microsoft Graph had a problem of its own; try again in a few minutes.';
  return `Microsoft Graph answered ${status} (${code}).`;
}

export class GraphClient {
  readonly base: string;
  /** The only origin (scheme, host, port) the bot's token is sent to. */
  readonly origin: string;
  /** Every HTTP request sent, for the benchmark's counting and for tests. */
  readonly sent: { method: string; url: string; at: number }[] = [];
  private readonly cache = new Map<string, { until: number; value: unknown }>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  /** When Graph said to come back (Retry-After), per throttling scope: the reports API, the rest. */
  private readonly throttledUntil = { reports: { at: 0, status: 429 }, directory: { at: 0, status: 429 } };

  constructor(private readonly o: GraphClientOptions) {
    this.base = (o.baseUrl ?? 'https://graph.microsoft.com').replace(/\/$/, '');
    this.origin = new URL(this.base).origin;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = o.now ?? (() => Date.now());
  }

  /** A log line (warnings by default), when the client was given a logger. */
  log(line: string, level: 'info' | 'warn' | 'error' = 'warn'): void {
    this.o.log?.(line, { level });
  }

  /** A waiting allowance for one lookup: the question's, when one is open, else a fresh one for `priority`. */
  allowance(priority: Priority = 'interactive'): WaitAllowance {
    return scopedAllowance() ?? new WaitAllowance(this.o.waitCapMs?.[priority] ?? WAIT_CAP_MS[priority]);
  }

  /** Whether an absolute URL (a next link) is on the origin the bot's requests go to. */
  sameOrigin(url: string): boolean {
    try {
      return new URL(url, this.base).origin === this.origin;
    } catch {
      return false;
    }
  }

  /** GET a path (`/v1.0/users/…`) or an absolute nextLink on the same origin; `undefined` for 404. */
  async get<T>(pathOrUrl: string, opts: RequestOptions = {}): Promise<T | undefined> {
    const url = this.resolve(pathOrUrl);
    const key = `${url}|${JSON.stringify(opts.headers ?? {})}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.value as T | undefined;
    const running = this.inflight.get(key);
    if (running) return running as Promise<T | undefined>;
    const p = this.fetchWithRetries<T>(url, opts).then((value) => {
      const ttl = opts.cacheMs ?? 60_000;
      if (ttl > 0) this.cache.set(key, { until: this.now() + ttl, value });
      return value;
    });
    this.inflight.set(key, p);
    try {
      return await p;
    } finally {
      this.inflight.delete(key);
    }
  }

  /** POST a JSON body (an action such as conditionalAccess/evaluate); not cached, retried like a GET. */
  async post<T>(path: string, body: unknown, opts: Omit<RequestOptions, 'body' | 'cacheMs'> = {}): Promise<T | undefined> {
    return this.fetchWithRetries<T>(this.resolve(path), { ...opts, body });
  }

  /**
   * The URL to send to, or a refusal. A path must survive URL parsing unchanged: `/v1.0/users/..`
   * would be folded to `/v1.0/`, and `%2e%2e` counts as `..` too. The callers encode what
   * people typed, so a refusal here means a caller forgot to.
   */
  private resolve(pathOrUrl: string): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) || pathOrUrl.startsWith('//')) {
      let url: URL | undefined;
      try {
        url = new URL(pathOrUrl);
      } catch {
        url = undefined;
      }
      if (url?.origin === this.origin && !url.username && !url.password) return url.href;
      this.log(`Microsoft Graph: refused to send the bot's token to ${url?.origin ?? 'an unreadable address'} (only ${this.origin} gets it)`);
      throw new GraphError(
        0,
        'ForeignOrigin',
        `refused a request to ${url?.origin ?? 'an unreadable address'}`,
        'Microsoft Graph pointed the bot at another site, which it did not follow (its token would have gone along). Try again, and if it persists tell the bot’s administrator.',
      );
    }
    const path = pathOrUrl.split('?')[0]!;
    let url: URL | undefined;
    try {
      url = new URL(`${this.base}${pathOrUrl}`);
    } catch {
      url = undefined;
    }
    const basePath = new URL(this.base).pathname.replace(/\/$/, '');
    if (!url || !path.startsWith('/') || url.origin !== this.origin || url.username || url.pathname !== `${basePath}${path}` || url.hash) {
      throw new GraphError(
        0,
        'UnsafePath',
        `refused to build a Graph URL from ${JSON.stringify(pathOrUrl.slice(0, 80))}`,
        'That cannot name anything in Microsoft Graph, so nothing was looked up.',
      );
    }
    return url.href;
  }

  private async fetchWithRetries<T>(url: string, opts: RequestOptions): Promise<T | undefined> {
    const maxRetries = this.o.maxRetries ?? 3;
    const priority = opts.priority ?? 'interactive';
    const allowance = opts.allowance ?? this.allowance(priority);
    const scope = opts.reports ? 'reports' : 'directory';
    for (let attempt = 0; ; attempt++) {
      // Graph already said when to come back: wait for it if this lookup can, else say when at once.
      const told = this.throttledUntil[scope];
      const hold = told.at - this.now();
      if (hold > 0) {
        if (!allowance.take(hold)) throw this.throttled(told.status, hold, true);
        this.o.onWait?.(hold, `Microsoft Graph asked to wait (${told.status})`);
        await this.sleep(hold);
      }
      if (opts.reports) {
        const before = this.now();
        let paused: number;
        try {
          // A pause another request's 429 starts while this one queues counts against this lookup too.
          paused = await this.o.reportsBudget.acquire(priority, allowance.remainingMs);
        } catch (e) {
          if (e instanceof BudgetPaused) throw this.throttled(this.throttledUntil.reports.status, e.waitMs, true);
          throw e;
        }
        allowance.remainingMs = Math.max(0, allowance.remainingMs - paused);
        const waited = this.now() - before;
        if (waited > 1000) this.o.onWait?.(waited, 'the sign-in reports budget');
      }
      const token = await this.o.credential.getToken('https://graph.microsoft.com/.default');
      if (!token) throw new GraphError(401, 'NoToken', 'no token', explainGraphError(401, 'NoToken', '', url));
      const method = opts.body === undefined ? 'GET' : 'POST';
      this.sent.push({ method, url, at: this.now() });
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            Authorization: `Bearer ${token.token}`,
            Accept: 'application/json',
            ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
            ...(opts.headers ?? {}),
          },
          body: method === 'POST' ? JSON.stringify(opts.body) : undefined,
          // A redirect would carry the token to wherever it points: not followed, reported.
          redirect: 'manual',
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
        });
      } catch (e) {
        const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
        const backoff = 1000 * 2 ** attempt;
        if (attempt < maxRetries && allowance.take(backoff)) {
          await this.sleep(backoff);
          continue;
        }
        throw new GraphError(
          0,
          timedOut ? 'Timeout' : 'NetworkError',
          (e as Error).message,
          timedOut
            ? `Microsoft Graph did not answer within ${Math.round((this.o.timeoutMs ?? 30_000) / 1000)} seconds; try again shortly.`
            : 'Microsoft Graph could not be reached from the bot; check its network access.',
        );
      }
      if (res.status === 404) return undefined;
      if (res.ok) {
        try {
          return (await res.json()) as T;
        } catch {
          // A proxy's HTML page or a cut-off body: not worth retrying blindly, worth saying plainly.
          throw new GraphError(
            502,
            'BadResponse',
            `unreadable response from ${url}`,
            'Microsoft Graph (or a proxy in between) answered with something that is not JSON; try again in a few minutes.',
          );
        }
      }
      // Graph's error envelope; anything else (null, a number, HTML) leaves the status to speak.
      const said = ErrorBody.safeParse(await res.json().catch(() => undefined));
      const code = (said.success && said.data.error.code) || String(res.status);
      const message = (said.success && said.data.error.message) || res.statusText;
      if (RETRY_STATUS.has(res.status)) {
        const asked = retryAfterMs(res.headers.get('retry-after'), this.now());
        const wait = asked && asked > 0 ? asked : 1000 * 2 ** attempt;
        if (asked && asked > 0 && this.now() + asked > this.throttledUntil[scope].at)
          this.throttledUntil[scope] = { at: this.now() + asked, status: res.status };
        if (opts.reports) this.o.reportsBudget.pause(wait);
        // Longer than this lookup may still wait: say when it will work instead of waiting (or giving up vaguely).
        if (asked && asked > allowance.remainingMs) throw this.throttled(res.status, asked, false);
        if (attempt < maxRetries && allowance.take(wait)) {
          this.o.onWait?.(wait, `Microsoft Graph asked to wait (${res.status})`);
          await this.sleep(wait);
          continue;
        }
      }
      throw new GraphError(res.status, code, message, explainGraphError(res.status, code, message, url));
    }
  }

  /** Graph asked for a longer wait than this lookup may spend: stop now and say when it will work. */
  private throttled(status: number, waitMs: number, alreadyAsked: boolean): GraphError {
    const sentence = throttledSentence(status, waitMs, this.now(), alreadyAsked);
    this.log(`Microsoft Graph: gave up waiting (${status}, asked to wait ${Math.round(waitMs / 1000)} s, more than this lookup may wait)`);
    return new GraphError(status, 'Throttled', `Graph asked to wait ${waitMs} ms`, sentence);
  }
}
