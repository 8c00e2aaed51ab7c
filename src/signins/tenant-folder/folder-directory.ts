import { readFileSync } from 'node:fs';
import { directoryKey, readDirectoryCache, writeDirectoryCache, type DirectoryContents, type TenantFacts } from './directory-cache.ts';
import { join } from 'node:path';
import { z } from 'zod';
import { ConditionalAccessPolicy, DirectoryRole, Group, NamedLocation, ServicePrincipal, User, UserRegistrationDetails } from '../directory.ts';
import type { Directory, SourceProblem } from '../source.ts';
import { DirectoryAudit } from '../directory-audit.ts';
import { parseSpan, scanJsonRecords } from './records.ts';
import { foldText } from '../text.ts';

/** The optional `tenant.json`: what the folder is and the instant it was captured. */
const TenantInfo = z.looseObject({
  tenantId: z.string().optional(),
  displayName: z.string().optional(),
  asOf: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'asOf is not a date-time')
    .optional(),
});

/** The sign-in files a folder may hold, in the order they are read (sorted by name). */
export const SIGNIN_FILE = /^signIns(\.[\w-]+)?\.(json|ndjson|jsonl)$/;

export function zodMessage(err: z.ZodError): string {
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
    const raw = parseSpan(path, span, problems);
    if (raw === undefined) return;
    const parsed = schema.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
    else problems.push({ where: `${path}:${span.line}`, message: `${zodMessage(parsed.error)}; skipped` });
  });
  return { items, problems: [...found, ...problems] };
}

/**
 * The directory half of a tenant folder: people, groups, policies, roles, apps, audits and
 * tenant.json. Small files, read whole at start; the sign-ins are read by whichever log
 * holds them (the in-memory index, or the sign-in store).
 */
export class FolderDirectory implements Directory {
  readonly description: string;
  protected readonly directoryProblems: SourceProblem[] = [];
  private readonly users: User[] = [];
  private readonly usersByKey = new Map<string, User>();
  private groups: Group[] = [];
  private policies: ConditionalAccessPolicy[] | undefined;
  private namedLocations: NamedLocation[] | undefined;
  private servicePrincipals: ServicePrincipal[] = [];
  private audits: DirectoryAudit[] | undefined;
  private roles: DirectoryRole[] | undefined;
  private readonly registration = new Map<string, UserRegistrationDetails>();
  private info: TenantFacts = {};

  /** `cache`: a file where the validated directory is kept between starts (the store's; see directory-cache.ts). */
  constructor(
    readonly dir: string,
    names: string[],
    cache?: string,
  ) {
    this.description = `tenant folder ${dir}`;
    const key = cache === undefined ? undefined : directoryKey(dir, names);
    let contents = cache === undefined || key === undefined ? undefined : readDirectoryCache(cache, key);
    if (!contents) {
      contents = this.readDirectory(names);
      if (cache !== undefined && key !== undefined) writeDirectoryCache(cache, key, contents);
    }
    this.hold(contents);
  }

  private readDirectory(names: string[]): DirectoryContents {
    const problems: SourceProblem[] = [];
    const load = <T>(file: string, schema: z.ZodType<T>): T[] | undefined => {
      if (!names.includes(file)) return undefined;
      const read = readDirectoryFile(join(this.dir, file), schema);
      problems.push(...read.problems);
      return read.items;
    };
    const c: DirectoryContents = {
      users: load('users.json', User) ?? [],
      groups: load('groups.json', Group) ?? [],
      policies: load('conditionalAccessPolicies.json', ConditionalAccessPolicy),
      namedLocations: load('namedLocations.json', NamedLocation),
      servicePrincipals: load('servicePrincipals.json', ServicePrincipal) ?? [],
      roles: load('directoryRoles.json', DirectoryRole),
      audits: load('directoryAudits.json', DirectoryAudit)?.sort((a, b) => Date.parse(b.activityDateTime) - Date.parse(a.activityDateTime)),
      registration: load('userRegistrationDetails.json', UserRegistrationDetails) ?? [],
      info: {},
      problems,
    };
    if (names.includes('tenant.json')) {
      const where = join(this.dir, 'tenant.json');
      try {
        const parsed = TenantInfo.safeParse(JSON.parse(readFileSync(where, 'utf8')));
        if (parsed.success) c.info = parsed.data;
        else problems.push({ where, message: zodMessage(parsed.error) });
      } catch (e) {
        problems.push({ where, message: `not valid JSON (${(e as Error).message})` });
      }
    }
    return c;
  }

  private hold(c: DirectoryContents): void {
    for (const u of c.users) {
      this.users.push(u);
      for (const k of [u.id, u.userPrincipalName, u.mail]) if (k) this.usersByKey.set(k.toLowerCase(), u);
    }
    this.groups = c.groups;
    this.policies = c.policies;
    this.namedLocations = c.namedLocations;
    this.servicePrincipals = c.servicePrincipals;
    this.roles = c.roles;
    this.audits = c.audits;
    for (const r of c.registration) this.registration.set(r.id.toLowerCase(), r);
    this.info = c.info;
    this.directoryProblems.push(...c.problems);
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

  /** App names the parser should know: the service principals' and those the sign-ins name (`seen`). */
  protected appNamesWith(seen: Iterable<string>): string[] {
    return [...new Set([...this.servicePrincipals.map((s) => s.displayName), ...seen])].sort();
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
    return this.directoryProblems;
  }

  asOf(): string | undefined {
    return this.info.asOf;
  }
}
