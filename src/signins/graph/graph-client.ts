import type { Priority, RequestBudget } from './budget.ts';

/**
 * Microsoft Graph over fetch: a token per request from @azure/identity, the shared budget
 * for the sign-in reports API, a short-lived cache (several agents asking about the same
 * person within a minute cost one request), bounded retries that honour Retry-After, and
 * errors turned into sentences an admin can act on.
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
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What it means for the person asking, and what to do. */
    readonly explanation: string,
  ) {
    super(message);
  }
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
}

const RETRY_STATUS = new Set([429, 503, 504]);

export function explainGraphError(status: number, code: string, message: string, url: string): string {
  const reports = /auditLogs/i.test(url);
  if (/premium licen[cs]e|B2C/i.test(message)) return 'Reading sign-ins through Microsoft Graph needs a Microsoft Entra ID P1 or P2 licence in this tenant. Without one, use an export (a tenant folder) or Log Analytics.';
  if (status === 401) return 'Microsoft Graph did not accept the bot’s token: check the tenant id, client id and secret or certificate in the settings.';
  if (status === 403 && reports) return 'The bot’s app registration cannot read sign-in logs: grant it the AuditLog.Read.All application permission (with admin consent).';
  if (status === 403 && /conditionalAccess\/evaluate/i.test(url)) return 'The bot cannot call Microsoft’s What If API: grant Policy.Read.ConditionalAccess (admin consent). The local evaluation stands on its own.';
  if (status === 403 && /conditionalAccess/i.test(url)) return 'The bot cannot read Conditional Access policies: grant Policy.Read.All (admin consent). Diagnoses go on without policy definitions.';
  if (status === 403) return 'The bot’s app registration lacks a permission for this directory data (User.Read.All or Directory.Read.All).';
  if (status === 400) return `Microsoft Graph did not accept the query (${code}: ${message}).`;
  if (status === 429) return 'Microsoft Graph is throttling the bot; the answer is late, not lost. Try again in a minute.';
  if (status >= 500) return 'Microsoft Graph had a problem of its own; try again in a few minutes.';
  return `Microsoft Graph answered ${status} (${code}).`;
}

export class GraphClient {
  readonly base: string;
  /** Every HTTP request sent, for the benchmark's counting and for tests. */
  readonly sent: { method: string; url: string; at: number }[] = [];
  private readonly cache = new Map<string, { until: number; value: unknown }>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly o: GraphClientOptions) {
    this.base = (o.baseUrl ?? 'https://graph.microsoft.com').replace(/\/$/, '');
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = o.now ?? (() => Date.now());
  }

  /** GET a path (`/v1.0/users/…`) or an absolute nextLink; `undefined` for 404. */
  async get<T>(pathOrUrl: string, opts: RequestOptions = {}): Promise<T | undefined> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.base}${pathOrUrl}`;
    const key = `${url}|${JSON.stringify(opts.headers ?? {})}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.value as T | undefined;
    const running = this.inflight.get(key);
    if (running) return running as Promise<T | undefined>;
    const p = this.fetchWithRetries<T>(url, opts).then(
      (value) => {
        const ttl = opts.cacheMs ?? 60_000;
        if (ttl > 0) this.cache.set(key, { until: this.now() + ttl, value });
        return value;
      },
    );
    this.inflight.set(key, p);
    try {
      return await p;
    } finally {
      this.inflight.delete(key);
    }
  }

  /** POST a JSON body (an action such as conditionalAccess/evaluate); not cached, retried like a GET. */
  async post<T>(path: string, body: unknown, opts: Omit<RequestOptions, 'body' | 'cacheMs'> = {}): Promise<T | undefined> {
    return this.fetchWithRetries<T>(`${this.base}${path}`, { ...opts, body });
  }

  private async fetchWithRetries<T>(url: string, opts: RequestOptions): Promise<T | undefined> {
    const maxRetries = this.o.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      if (opts.reports) {
        const before = this.now();
        await this.o.reportsBudget.acquire(opts.priority ?? 'interactive');
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
          headers: { Authorization: `Bearer ${token.token}`, Accept: 'application/json', ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}), ...(opts.headers ?? {}) },
          body: method === 'POST' ? JSON.stringify(opts.body) : undefined,
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
        });
      } catch (e) {
        const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
        if (attempt < maxRetries) {
          await this.sleep(1000 * 2 ** attempt);
          continue;
        }
        throw new GraphError(0, timedOut ? 'Timeout' : 'NetworkError', (e as Error).message, timedOut ? `Microsoft Graph did not answer within ${Math.round((this.o.timeoutMs ?? 30_000) / 1000)} seconds; try again shortly.` : 'Microsoft Graph could not be reached from the bot; check its network access.');
      }
      if (res.status === 404) return undefined;
      if (res.ok) {
        try {
          return (await res.json()) as T;
        } catch {
          // A proxy's HTML page or a cut-off body: not worth retrying blindly, worth saying plainly.
          throw new GraphError(502, 'BadResponse', `unreadable response from ${url}`, 'Microsoft Graph (or a proxy in between) answered with something that is not JSON; try again in a few minutes.');
        }
      }
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      const code = body.error?.code ?? String(res.status);
      const message = body.error?.message ?? res.statusText;
      if (RETRY_STATUS.has(res.status) && attempt < maxRetries) {
        const retryAfter = Number(res.headers.get('retry-after'));
        const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000 * 2 ** attempt;
        if (opts.reports) this.o.reportsBudget.pause(wait);
        this.o.onWait?.(wait, `Microsoft Graph asked to wait (${res.status})`);
        await this.sleep(wait);
        continue;
      }
      throw new GraphError(res.status, code, message, explainGraphError(res.status, code, message, url));
    }
  }
}
