import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SignIn } from '../signin.ts';
import { ConditionalAccessPolicy, DirectoryRole, Group, NamedLocation, ServicePrincipal, User, UserRegistrationDetails } from '../directory.ts';
import type { SignInQuery, SignInResult, SignInSource, SourceProblem } from '../source.ts';
import { QueryResult, appGroups } from '../query-result.ts';
import { csvToSignIns } from './csv.ts';
import { DirectoryAudit } from '../directory-audit.ts';
import { scanJsonRecords } from './records.ts';
import { SignInIndex, extractKeys } from './signin-index.ts';
import { foldText } from '../text.ts';
import { DiagError } from '../../errors.ts';

/** The optional `tenant.json`: what the folder is and the instant it was captured. */
const TenantInfo = z.looseObject({
  tenantId: z.string().optional(),
  displayName: z.string().optional(),
  asOf: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'asOf is not a date-time')
    .optional(),
});

const SIGNIN_FILE = /^signIns(\.[\w-]+)?\.(json|ndjson|jsonl)$/;

function zodMessage(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'record'}: ${i.message}`)
    .join('; ');
}

/** Reads a small directory file (users, groups, policies…) record by record with its schema. */
export function readDirectoryFile<T>(path: string, schema: z.ZodType<T>): { items: T[]; problems: SourceProblem[] } {
  const items: T[] = [];
  const problems: SourceProblem[] = [];
  const found = scanJsonRecords(path, (span) => {
    let raw: unknown;
    try {
      raw = JSON.parse(span.text);
    } catch (e) {
      problems.push({ where: `${path}:${span.line}`, message: `not valid JSON (${(e as Error).message}); skipped` });
      return;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
    else problems.push({ where: `${path}:${span.line}`, message: `${zodMessage(parsed.error)}; skipped` });
  });
  return { items, problems: [...found, ...problems] };
}

export interface FolderLoadStats {
  events: number;
  files: string[];
  millis: number;
}

export class TenantFolderSource implements SignInSource {
  readonly description: string;
  private readonly index = new SignInIndex();
  private readonly fds: number[] = [];
  private readonly fileNames: string[] = [];
  /** App display names as the logs write them, for matching what agents type. */
  private readonly seenApps = new Set<string>();
  private readonly problems: SourceProblem[] = [];
  private readonly users: User[] = [];
  private readonly usersByKey = new Map<string, User>();
  private groups: Group[] = [];
  private policies: ConditionalAccessPolicy[] | undefined;
  private namedLocations: NamedLocation[] | undefined;
  private servicePrincipals: ServicePrincipal[] = [];
  private audits: DirectoryAudit[] | undefined;
  private roles: DirectoryRole[] | undefined;
  private readonly registration = new Map<string, UserRegistrationDetails>();
  private info: z.infer<typeof TenantInfo> = {};
  private readBuffer = Buffer.allocUnsafe(64 * 1024);
  /** Parsed, validated records by event number: a helpdesk asks about the same people again and again. */
  private readonly parsed = new Map<number, { ok: SignIn } | { problem: SourceProblem }>();
  private static readonly PARSED_CACHE = 5_000;
  readonly stats: FolderLoadStats;

  constructor(readonly dir: string) {
    this.description = `tenant folder ${dir}`;
    const started = performance.now();
    // A folder the settings name but that cannot be read: the source is unavailable (the CLI checks first and says it its way).
    if (!existsSync(dir)) throw new DiagError('sourceUnavailable', `the tenant folder ${dir} does not exist`);
    const names = readdirSync(dir);
    const signInFiles = names.filter((n) => SIGNIN_FILE.test(n)).sort();
    if (signInFiles.length) for (const f of signInFiles) this.loadJsonSignIns(join(dir, f));
    else if (names.includes('signIns.csv')) this.loadCsvSignIns(join(dir, 'signIns.csv'));
    else throw new DiagError('sourceUnavailable', `the tenant folder ${dir} has no signIns.json, signIns.ndjson or signIns.csv`);
    this.index.finalize();
    this.loadDirectory(names);
    this.stats = { events: this.index.size, files: signInFiles.length ? signInFiles : ['signIns.csv'], millis: performance.now() - started };
  }

  private loadJsonSignIns(path: string): void {
    const fileNo = this.fds.length;
    this.fds.push(openSync(path, 'r'));
    this.fileNames.push(path);
    const found = scanJsonRecords(path, (span) => {
      let raw: unknown;
      try {
        raw = JSON.parse(span.text);
      } catch (e) {
        this.problems.push({ where: `${path}:${span.line}`, message: `not valid JSON (${(e as Error).message}); skipped` });
        return;
      }
      const keys = extractKeys(raw);
      if (typeof keys === 'string') {
        this.problems.push({ where: `${path}:${span.line}`, message: `${keys}; skipped` });
        return;
      }
      this.index.add(keys, { file: fileNo, offset: span.offset, length: span.length, line: span.line });
      for (const name of [keys.appName, keys.resourceName]) if (name) this.seenApps.add(name);
    });
    this.problems.push(...found);
  }

  private loadCsvSignIns(path: string): void {
    const { records, problems } = csvToSignIns(readFileSync(path, 'utf8'), path);
    this.problems.push(...problems);
    for (const { record, line } of records) {
      const parsed = SignIn.safeParse(record);
      if (!parsed.success) {
        this.problems.push({ where: `${path}:${line}`, message: `${zodMessage(parsed.error)}; skipped` });
        continue;
      }
      const keys = extractKeys(parsed.data);
      if (typeof keys === 'string') this.problems.push({ where: `${path}:${line}`, message: `${keys}; skipped` });
      else {
        this.index.add(keys, { memory: parsed.data, line });
        for (const name of [keys.appName, keys.resourceName]) if (name) this.seenApps.add(name);
      }
    }
  }

  private loadDirectory(names: string[]): void {
    const load = <T>(file: string, schema: z.ZodType<T>): T[] | undefined => {
      if (!names.includes(file)) return undefined;
      const { items, problems } = readDirectoryFile(join(this.dir, file), schema);
      this.problems.push(...problems);
      return items;
    };
    for (const u of load('users.json', User) ?? []) {
      this.users.push(u);
      for (const k of [u.id, u.userPrincipalName, u.mail]) if (k) this.usersByKey.set(k.toLowerCase(), u);
    }
    this.groups = load('groups.json', Group) ?? [];
    this.policies = load('conditionalAccessPolicies.json', ConditionalAccessPolicy);
    this.namedLocations = load('namedLocations.json', NamedLocation);
    this.servicePrincipals = load('servicePrincipals.json', ServicePrincipal) ?? [];
    this.roles = load('directoryRoles.json', DirectoryRole);
    this.audits = load('directoryAudits.json', DirectoryAudit)?.sort((a, b) => Date.parse(b.activityDateTime) - Date.parse(a.activityDateTime));
    for (const r of load('userRegistrationDetails.json', UserRegistrationDetails) ?? []) this.registration.set(r.id.toLowerCase(), r);
    if (names.includes('tenant.json')) {
      const where = join(this.dir, 'tenant.json');
      try {
        const parsed = TenantInfo.safeParse(JSON.parse(readFileSync(where, 'utf8')));
        if (parsed.success) this.info = parsed.data;
        else this.problems.push({ where, message: zodMessage(parsed.error) });
      } catch (e) {
        this.problems.push({ where, message: `not valid JSON (${(e as Error).message})` });
      }
    }
  }

  private readRecord(i: number): unknown {
    const loc = this.index.location(i);
    if ('memory' in loc) return loc.memory;
    if (this.readBuffer.length < loc.length) this.readBuffer = Buffer.allocUnsafe(loc.length * 2);
    readSync(this.fds[loc.file]!, this.readBuffer, 0, loc.length, loc.offset);
    return JSON.parse(this.readBuffer.toString('utf8', 0, loc.length));
  }

  /** Event i, read and validated once (least recently read records leave the cache first). */
  private record(i: number, cache = true): { ok: SignIn } | { problem: SourceProblem } {
    const hit = this.parsed.get(i);
    if (hit) {
      this.parsed.delete(i);
      this.parsed.set(i, hit);
      return hit;
    }
    const parsed = SignIn.safeParse(this.readRecord(i));
    let value: { ok: SignIn } | { problem: SourceProblem };
    if (parsed.success) value = { ok: parsed.data };
    else {
      const loc = this.index.location(i);
      value = {
        problem: {
          where: `${'file' in loc ? this.fileNames[loc.file] : join(this.dir, 'signIns.csv')}:${loc.line}`,
          message: `${zodMessage(parsed.error)}; skipped`,
        },
      };
    }
    if (!cache) return value;
    if (this.parsed.size >= TenantFolderSource.PARSED_CACHE) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(i, value);
    return value;
  }

  async querySignIns(q: SignInQuery): Promise<SignInResult> {
    return this.querySync(q);
  }

  /**
   * The same as querySignIns, synchronously: the folder is local, and benchmarks time it bare.
   * `cache: false` for scans that read each record once (batch work), which would only churn the cache.
   */
  querySync(q: SignInQuery, opts: { cache?: boolean } = {}): SignInResult {
    const cache = opts.cache ?? true;
    const result = new QueryResult(q);
    const problems: SourceProblem[] = [];
    const candidates = this.index.candidates({
      ...q,
      apps: appGroups(q),
      since: q.since === undefined ? undefined : Date.parse(q.since),
      until: q.until === undefined ? undefined : Date.parse(q.until),
    });
    for (const i of candidates) {
      const record = this.record(i, cache);
      if ('problem' in record) {
        problems.push(record.problem);
        continue;
      }
      if (!result.add(record.ok)) break;
    }
    return { events: result.events, truncated: result.truncated, problems };
  }

  async findUsers(fragment: string, limit = 10): Promise<User[]> {
    const f = foldText(fragment);
    if (!f) return [];
    const scored: { u: User; score: number }[] = [];
    for (const u of this.users) {
      const fields = [u.displayName, u.givenName, u.surname, u.userPrincipalName, u.mail].map((v) => foldText(v ?? ''));
      let score = 0;
      for (const v of fields) {
        if (!v) continue;
        if (v === f) score = Math.max(score, 3);
        else if (v.startsWith(f) || v.split(/[\s.@_-]+/).some((w) => w.startsWith(f))) score = Math.max(score, 2);
        else if (v.includes(f)) score = Math.max(score, 1);
      }
      if (score) scored.push({ u, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.u.displayName ?? '').localeCompare(b.u.displayName ?? ''));
    return scored.slice(0, limit).map((s) => s.u);
  }

  async getUser(idOrUpn: string): Promise<User | undefined> {
    return this.usersByKey.get(idOrUpn.trim().toLowerCase());
  }

  /** App names the parser should know: the service principals' and the apps and resources seen in the sign-ins. */
  appNames(): string[] {
    return [...new Set([...this.servicePrincipals.map((s) => s.displayName), ...this.seenApps])].sort();
  }

  allUsers(): readonly User[] {
    return this.users;
  }

  async listGroups(): Promise<Group[]> {
    return this.groups;
  }

  async listPolicies(): Promise<ConditionalAccessPolicy[] | undefined> {
    return this.policies;
  }

  /** The directory audit log in [since, until], newest first; `undefined` when the folder has none. */
  async listDirectoryAudits(q: { since?: string; until?: string } = {}): Promise<DirectoryAudit[] | undefined> {
    if (!this.audits) return undefined;
    const lo = q.since ? Date.parse(q.since) : -Infinity;
    const hi = q.until ? Date.parse(q.until) : Infinity;
    return this.audits.filter((a) => Date.parse(a.activityDateTime) >= lo && Date.parse(a.activityDateTime) <= hi);
  }

  async listNamedLocations(): Promise<NamedLocation[] | undefined> {
    return this.namedLocations;
  }

  async listServicePrincipals(): Promise<ServicePrincipal[]> {
    return this.servicePrincipals;
  }

  async listDirectoryRoles(): Promise<DirectoryRole[] | undefined> {
    return this.roles;
  }

  async getRegistrationDetails(userId: string): Promise<UserRegistrationDetails | undefined> {
    return this.registration.get(userId.toLowerCase());
  }

  loadProblems(): SourceProblem[] {
    return this.problems;
  }

  asOf(): string | undefined {
    return this.info.asOf;
  }

  close(): void {
    for (const fd of this.fds.splice(0)) closeSync(fd);
  }
}
