/**
 * An in-memory index over sign-in events whose bodies stay on disk. Per event it keeps
 * only time, error code and where the record lives; per key (user, app or resource, correlation id,
 * request id, IP, error code) a posting list of event numbers, newest first. A query walks
 * the shortest matching list inside the time window, so it never scans every event.
 */

export interface EventKeys {
  time: number;
  errorCode: number;
  userId: string;
  upn: string | null;
  appId: string | null;
  appName: string | null;
  resourceId: string | null;
  resourceName: string | null;
  correlationId: string | null;
  id: string;
  originalRequestId: string | null;
  ip: string | null;
}

/** Where a record's text lives: a byte span in an open file, or an object held in memory. */
export type RecordLocation = { file: number; offset: number; length: number; line: number } | { memory: unknown; line: number };

type Posting = number | number[];

export interface IndexQuery {
  user?: string;
  /** Lists of app names, each matched against the app or the resource (any name of a list; every list). */
  apps?: string[][];
  correlationId?: string;
  requestId?: string;
  ip?: string;
  errorCode?: number;
  outcome?: 'failure' | 'success' | 'any';
  since?: number;
  until?: number;
}

const key = (s: string) => s.trim().toLowerCase();

class Growable<T extends Float64Array | Int32Array | Int16Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
}

export class SignInIndex {
  private count = 0;
  private readonly times = new Growable(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly codes = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly files = new Growable(new Int16Array(1024), (n) => new Int16Array(n));
  private readonly offsets = new Growable(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly lengths = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly lines = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly memory: unknown[] = [];
  private readonly byUser = new Map<string, Posting>();
  private readonly byApp = new Map<string, Posting>();
  private readonly byCorrelation = new Map<string, Posting>();
  private readonly byRequest = new Map<string, Posting>();
  private readonly byIp = new Map<string, Posting>();
  private readonly byCode = new Map<number, number[]>();
  private order: Int32Array = new Int32Array(0);
  /** Each event's place in `order`: merges posting lists newest first. */
  private rank: Int32Array = new Int32Array(0);
  private sortedDesc = true;
  private sortedAsc = true;
  private finalized = false;

  get size(): number {
    return this.count;
  }

  add(k: EventKeys, where: RecordLocation): void {
    const i = this.count++;
    if (i > 0) {
      const prev = this.times.data[i - 1]!;
      if (k.time > prev) this.sortedDesc = false;
      if (k.time < prev) this.sortedAsc = false;
    }
    this.times.set(i, k.time);
    this.codes.set(i, k.errorCode);
    this.lines.set(i, where.line);
    if ('memory' in where) {
      this.files.set(i, -1);
      this.offsets.set(i, this.memory.length);
      this.lengths.set(i, 0);
      this.memory.push(where.memory);
    } else {
      this.files.set(i, where.file);
      this.offsets.set(i, where.offset);
      this.lengths.set(i, where.length);
    }
    push(this.byUser, key(k.userId), i);
    if (k.upn) push(this.byUser, key(k.upn), i);
    if (k.appId) push(this.byApp, key(k.appId), i);
    if (k.appName && k.appName !== k.appId) push(this.byApp, key(k.appName), i);
    // The resource under the same keys: "exchange" finds a sign-in to any app whose resource is Exchange.
    if (k.resourceId) push(this.byApp, key(k.resourceId), i);
    if (k.resourceName && k.resourceName !== k.resourceId) push(this.byApp, key(k.resourceName), i);
    if (k.correlationId) push(this.byCorrelation, key(k.correlationId), i);
    push(this.byRequest, key(k.id), i);
    if (k.originalRequestId && k.originalRequestId !== k.id) push(this.byRequest, key(k.originalRequestId), i);
    if (k.ip) push(this.byIp, key(k.ip), i);
    let list = this.byCode.get(k.errorCode);
    if (!list) this.byCode.set(k.errorCode, (list = []));
    list.push(i);
  }

  /** Orders every posting list newest first; ties keep the later-loaded event first. */
  finalize(): void {
    const n = this.count;
    const times = this.times.data;
    const order = new Int32Array(n);
    if (this.sortedDesc) for (let i = 0; i < n; i++) order[i] = i;
    else if (this.sortedAsc) for (let i = 0; i < n; i++) order[i] = n - 1 - i;
    else {
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => times[b]! - times[a]! || b - a);
    }
    this.order = order;
    const rank = new Int32Array(n);
    for (let r = 0; r < n; r++) rank[order[r]!] = r;
    this.rank = rank;
    if (!this.sortedDesc) {
      const byRank = (a: number, b: number) => rank[a]! - rank[b]!;
      for (const m of [this.byUser, this.byApp, this.byCorrelation, this.byRequest, this.byIp]) {
        for (const p of m.values()) if (typeof p !== 'number') p.sort(byRank);
      }
      for (const p of this.byCode.values()) p.sort(byRank);
    }
    this.finalized = true;
  }

  /** The union of the keys' posting lists, newest first, each event once (an app and its resource may both be named). */
  private anyOf(m: Map<string, Posting>, keys: readonly string[]): ArrayLike<number> {
    const found = new Set<number>();
    for (const k of keys) {
      const p = m.get(key(k));
      if (p === undefined) continue;
      if (typeof p === 'number') found.add(p);
      else for (const i of p) found.add(i);
    }
    const rank = this.rank;
    return Int32Array.from(found).sort((a, b) => rank[a]! - rank[b]!);
  }

  location(i: number): RecordLocation {
    const file = this.files.data[i]!;
    const line = this.lines.data[i]!;
    if (file < 0) return { memory: this.memory[this.offsets.data[i]!], line };
    return { file, offset: this.offsets.data[i]!, length: this.lengths.data[i]!, line };
  }

  time(i: number): number {
    return this.times.data[i]!;
  }

  /**
   * Event numbers that may match, newest first. Only the driving key, the window and the
   * error code are checked here; the caller checks the other keys on the parsed record.
   */
  *candidates(q: IndexQuery): Generator<number> {
    if (!this.finalized) this.finalize();
    const lists: ArrayLike<number>[] = [];
    const pick = (m: Map<string, Posting>, v: string | undefined) => {
      if (v === undefined) return;
      const p = m.get(key(v));
      lists.push(p === undefined ? [] : typeof p === 'number' ? [p] : p);
    };
    pick(this.byUser, q.user);
    for (const names of q.apps ?? []) lists.push(this.anyOf(this.byApp, names));
    pick(this.byCorrelation, q.correlationId);
    pick(this.byRequest, q.requestId);
    pick(this.byIp, q.ip);
    if (q.errorCode !== undefined) lists.push(this.byCode.get(q.errorCode) ?? []);
    else if (q.outcome === 'success') lists.push(this.byCode.get(0) ?? []);
    let list: ArrayLike<number> = this.order;
    for (const l of lists) if (l.length < list.length) list = l;
    if (lists.some((l) => l.length === 0)) return;

    const times = this.times.data;
    const codes = this.codes.data;
    const until = q.until ?? Infinity;
    const since = q.since ?? -Infinity;
    // Binary search for the first event not newer than `until` (lists are newest first).
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[list[mid]!]! > until) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < list.length; j++) {
      const i = list[j]!;
      if (times[i]! < since) break;
      const code = codes[i]!;
      if (q.errorCode !== undefined && code !== q.errorCode) continue;
      if (q.outcome === 'failure' && code === 0) continue;
      if (q.outcome === 'success' && code !== 0) continue;
      yield i;
    }
  }
}

function push(m: Map<string, Posting>, k: string, i: number): void {
  const p = m.get(k);
  if (p === undefined) m.set(k, i);
  else if (typeof p === 'number') {
    if (p !== i) m.set(k, [p, i]);
  } else if (p[p.length - 1] !== i) p.push(i);
}

/** Pulls the indexed keys out of a parsed record, or says which required field is wrong. */
export function extractKeys(r: unknown): EventKeys | string {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return 'not a JSON object';
  const o = r as Record<string, unknown>;
  const id = o.id;
  if (typeof id !== 'string' || id === '') return 'no "id"';
  const created = o.createdDateTime;
  const time = typeof created === 'string' ? Date.parse(created) : NaN;
  if (Number.isNaN(time)) return `record ${id}: "createdDateTime" is not a date-time`;
  const userId = o.userId;
  if (typeof userId !== 'string') return `record ${id}: no "userId"`;
  const status = o.status as Record<string, unknown> | null | undefined;
  const code = status && typeof status === 'object' ? status.errorCode : undefined;
  if (typeof code !== 'number' || !Number.isInteger(code)) return `record ${id}: "status.errorCode" is missing or not an integer`;
  const s = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    time,
    errorCode: code,
    userId,
    upn: s(o.userPrincipalName),
    appId: s(o.appId),
    appName: s(o.appDisplayName),
    resourceId: s(o.resourceId),
    resourceName: s(o.resourceDisplayName),
    correlationId: s(o.correlationId),
    id,
    originalRequestId: s(o.originalRequestId),
    ip: s(o.ipAddress),
  };
}
