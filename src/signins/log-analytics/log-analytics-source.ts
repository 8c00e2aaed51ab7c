import { DiagError, type ErrorKind } from '../../errors.ts';
import type { LogsQueryClient, LogsTable } from '@azure/monitor-query-logs';
import type { AuditQuery, SignInLog, SignInQuery, SignInResult, SourceProblem } from '../source.ts';
import type { DirectoryAudit } from '../directory-audit.ts';
import { auditQuery } from '../kusto/audit-query.ts';
import { auditsFromRows } from '../kusto/audit-rows.ts';
import { signInsFromRows } from '../kusto/signin-rows.ts';
import { signInsQuery } from '../kusto/signin-query.ts';
import { WAIT_CAP_MS, retryAfterMs, throttledSentence, waitWords } from '../graph/throttle.ts';

/**
 * Sign-ins from a Log Analytics workspace (SigninLogs and AADNonInteractiveUserSignInLogs):
 * months of retention, non-interactive sign-ins included, and Azure Monitor's query engine
 * instead of the reports API's 5 requests per 10 seconds. The workspace holds no directory:
 * this is a log only, made whole with `combine` and a directory (Graph or a tenant folder).
 */
const DEFAULT_TAKE = 5000;
/** Audit entries read at most per question (about one person, or one window): more are cut and said to be. */
const AUDIT_TAKE = 5000;
/** Rows arrive some minutes to hours after the sign-in; the query's time span covers that. */
const INGESTION_SLACK_MS = 6 * 3_600_000;
const DEFAULT_LOOKBACK_MS = 30 * 86_400_000;
/** How long the workspace may run one query (serverTimeoutInSeconds). */
const SERVER_TIMEOUT_S = 60;

export interface LogAnalyticsOptions {
  /**
   * The signal that ends the wait for a query after `ms` in all (tests give one they fire
   * themselves). The Azure SDK honours a 429's Retry-After however long, three times over
   * (@typespec/ts-http-runtime retryPolicy), and LogsQueryClient does not pass an abortSignal
   * on to its pipeline, so the deadline is kept here: the person is answered at the deadline.
   */
  deadline?: (ms: number) => AbortSignal;
}

/** Rejects when `signal` fires: the question stops waiting (the SDK's own retry may still run out in the background). */
function abandonedAt(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fire = () => reject(Object.assign(new Error('deadline passed'), { name: 'AbortError' }));
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
}

/** The workspace's refusal as one of the kinds a person is told about (src/errors.ts). */
export class LogAnalyticsError extends DiagError {
  constructor(message: string, explanation: string, kind: ErrorKind = 'sourceUnavailable') {
    super(kind, explanation, message);
    this.name = 'LogAnalyticsError';
  }
}

function laErrorKind(status: number | undefined): ErrorKind {
  if (status === 401 || status === 403) return 'permissionMissing';
  if (status === 429) return 'throttled';
  if (status === 400) return 'badInput';
  return 'sourceUnavailable';
}

/** The client gives each table as column descriptors and rows of values. */
function records(t: LogsTable): Record<string, unknown>[] {
  const names = t.columnDescriptors.map((c) => c.name ?? '');
  return t.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
}

export class LogAnalyticsSource implements SignInLog {
  readonly description: string;
  private readonly problems: SourceProblem[] = [];

  constructor(
    private readonly client: Pick<LogsQueryClient, 'queryWorkspace'>,
    private readonly workspaceId: string,
    private readonly now: () => number = () => Date.now(),
    private readonly opts: LogAnalyticsOptions = {},
  ) {
    this.description = `Log Analytics workspace ${workspaceId}`;
  }

  async querySignIns(q: SignInQuery): Promise<SignInResult> {
    const limit = q.limit ?? DEFAULT_TAKE;
    const until = q.until ? Date.parse(q.until) : this.now();
    const since = q.since ? Date.parse(q.since) : until - DEFAULT_LOOKBACK_MS;
    const { tables, problems } = await this.run(signInsQuery(q, limit + 1), since, until, q.priority ?? 'interactive', 'sign-ins');
    const found = signInsFromRows(
      tables.map((t) => ({ name: t.name, records: records(t) })),
      this.description,
      limit,
    );
    return { ...found, problems: [...problems, ...found.problems] };
  }

  /**
   * The directory audit log from the workspace's AuditLogs table (sent there by the same
   * diagnostic setting as the sign-ins, when its AuditLogs category is ticked). `undefined`
   * when the workspace cannot answer (no table, no permission, throttled past the wait),
   * with the reason in loadProblems(): a diagnosis goes on without "who changed what".
   */
  async listDirectoryAudits(q: AuditQuery = {}): Promise<DirectoryAudit[] | undefined> {
    const until = q.until ? Date.parse(q.until) : this.now();
    const since = q.since ? Date.parse(q.since) : until - DEFAULT_LOOKBACK_MS;
    const where = `${this.description} AuditLogs`;
    let found: { tables: LogsTable[]; problems: SourceProblem[] };
    try {
      found = await this.run(auditQuery(q, AUDIT_TAKE + 1), since, until, 'interactive', 'audit entries');
    } catch (e) {
      if (!(e instanceof LogAnalyticsError)) throw e;
      this.note({
        where,
        message: /AuditLogs|Failed to resolve table/i.test(e.message)
          ? 'the workspace has no AuditLogs table: tick the AuditLogs category in the Entra diagnostic setting that sends the sign-in logs, to see who changed a policy, a password, authentication methods or group membership'
          : `the directory audit log could not be read: ${e.explanation}`,
      });
      return undefined;
    }
    const rows = found.tables.flatMap(records);
    const { audits, problems } = auditsFromRows(rows, where);
    for (const p of [...found.problems, ...problems]) this.note(p);
    if (audits.length > AUDIT_TAKE)
      this.note({ where, message: `more than ${AUDIT_TAKE} entries matched; only the newest were read, so older changes may be missing` });
    return audits.slice(0, AUDIT_TAKE);
  }

  private note(p: SourceProblem): void {
    if (!this.problems.some((x) => x.where === p.where && x.message === p.message)) this.problems.push(p);
  }

  /**
   * One query over [since, until]: the time span filters on TimeGenerated (ingestion), which
   * comes after the event, so it reaches past `until`. Refusals become LogAnalyticsErrors.
   */
  private async run(
    query: string,
    since: number,
    until: number,
    priority: 'interactive' | 'background',
    what: string,
  ): Promise<{ tables: LogsTable[]; problems: SourceProblem[] }> {
    const timespan = { startTime: new Date(since), endTime: new Date(until + INGESTION_SLACK_MS) };
    const problems: SourceProblem[] = [];
    // The query's own run time plus what the asker may wait for throttling (the watcher longer).
    const deadlineMs = SERVER_TIMEOUT_S * 1000 + WAIT_CAP_MS[priority];
    const abortSignal = (this.opts.deadline ?? ((ms) => AbortSignal.timeout(ms)))(deadlineMs);
    try {
      const r = await Promise.race([
        this.client.queryWorkspace(this.workspaceId, query, timespan, { serverTimeoutInSeconds: SERVER_TIMEOUT_S, abortSignal }),
        abandonedAt(abortSignal),
      ]);
      if (r.status === 'PartialFailure') {
        problems.push({
          where: this.description,
          message: `the workspace returned partial results (${r.partialError.code ?? 'error'}: ${r.partialError.message}); some ${what} may be missing`,
        });
        return { tables: r.partialTables, problems };
      }
      return { tables: r.tables, problems };
    } catch (e) {
      const err = e as {
        statusCode?: number;
        code?: string;
        message?: string;
        name?: string;
        response?: { headers?: { get(name: string): string | undefined } };
      };
      if (abortSignal.aborted || err.name === 'AbortError') {
        throw new LogAnalyticsError(
          err.message ?? 'aborted',
          `Log Analytics did not answer within ${waitWords(deadlineMs)} (it may be throttling the bot); try again in a few minutes.`,
          'throttled',
        );
      }
      const asked = err.statusCode === 429 ? retryAfterMs(err.response?.headers?.get('retry-after') ?? null, this.now()) : undefined;
      if (asked) throw new LogAnalyticsError(err.message ?? 'throttled', throttledSentence(429, asked, this.now(), false, 'Log Analytics'), 'throttled');
      throw new LogAnalyticsError(err.message ?? String(e), explain(err.statusCode, err.code, err.message ?? ''), laErrorKind(err.statusCode));
    }
  }

  loadProblems(): SourceProblem[] {
    return this.problems;
  }
  asOf(): string | undefined {
    return undefined;
  }
}

function explain(status: number | undefined, code: string | undefined, message: string): string {
  if (status === 401) return 'Log Analytics did not accept the bot’s token: check the credential settings.';
  if (status === 403)
    return 'The bot cannot read this workspace: give its identity the Log Analytics Reader role on the workspace (or on the table data it needs).';
  if (status === 404) return 'The workspace was not found: check LOG_ANALYTICS_WORKSPACE_ID (the workspace id, a GUID).';
  if (status === 400 && /SigninLogs|AADNonInteractive|Failed to resolve table/i.test(message))
    return 'The workspace has no SigninLogs or AADNonInteractiveUserSignInLogs table: send the Entra sign-in logs to it with a diagnostic setting.';
  if (status === 429) return 'Log Analytics is throttling queries; try again in a minute.';
  return `Log Analytics could not run the query (${code ?? status ?? 'error'}: ${message.slice(0, 200)}).`;
}
