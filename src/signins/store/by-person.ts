import type { SignIn } from '../signin.ts';
import type { Row } from './sql.ts';

/**
 * The store's read of a range person by person (SignInLog.signInsByPerson): the people are cut
 * into batches of about BATCH_EVENTS events, by lower-cased user id; each batch is one SQL
 * statement and one pass over the export file in file order (record-reader.ts), so the
 * process holds one batch's records at a time, not the range's.
 */
export const BATCH_EVENTS = 5_000;

/**
 * A batch is read as bytes and handed over a few people at a time, about this many events,
 * each few parsed just before: 5,000 records parsed at once stayed alive through dozens of
 * young-generation collections, each copying them (a quarter of a window run went to the
 * garbage collector); a few people's records die young.
 */
export const HANDOVER_EVENTS = 500;

/** Consecutive runs of people (ids sorted) of about `budget` events each: the first and last id of each run. */
export function batchesOf(people: readonly { id: string; n: number }[], budget = BATCH_EVENTS): { first: string; last: string }[] {
  const out: { first: string; last: string }[] = [];
  let start = 0;
  let events = 0;
  people.forEach((p, i) => {
    events += p.n;
    if (events >= budget || i === people.length - 1) {
      out.push({ first: people[start]!.id, last: p.id });
      start = i + 1;
      events = 0;
    }
  });
  return out;
}

/** The people of rows sorted by lower-cased user id (`user`), with how many rows each has, in that order. */
export function peopleOf(rows: readonly { user: string }[]): { id: string; n: number }[] {
  const out: { id: string; n: number }[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last?.id === r.user) last.n++;
    else out.push({ id: r.user, n: 1 });
  }
  return out;
}

/** Where a row is: the same key for the same record. */
export const rowKey = (r: { file: string; ord: number }) => `${r.ord}\n${r.file}`;

/**
 * Of rows sharing a record id, every one but the first newest first (the order sortNewestFirst
 * gives): a read of the range keeps only that first one, so these are dropped.
 */
export function shadowed(rows: readonly Pick<Row, 't_ms' | 'file' | 'ord' | 'id'>[]): Set<string> {
  const best = new Map<string, Pick<Row, 't_ms' | 'file' | 'ord' | 'id'>>();
  const out = new Set<string>();
  for (const r of rows) {
    const b = best.get(r.id);
    if (!b) best.set(r.id, r);
    else {
      // sortNewestFirst's order: the later time, then the later file, then the later record in it.
      const newer = r.t_ms > b.t_ms || (r.t_ms === b.t_ms && (r.file > b.file || (r.file === b.file && r.ord > b.ord)));
      out.add(rowKey(newer ? b : r));
      if (newer) best.set(r.id, r);
    }
  }
  return out;
}

/** Records (newest first) grouped by their exact user id, each person's newest first, people in the order first met. */
export function byUser(records: readonly SignIn[]): Map<string, SignIn[]> {
  const people = new Map<string, SignIn[]>();
  for (const e of records) {
    const list = people.get(e.userId);
    if (list) list.push(e);
    else people.set(e.userId, [e]);
  }
  return people;
}
