import type { PersonCandidate } from './command.ts';
import { foldWord } from './entities.ts';
import { editDistance } from './fuzzy.ts';
import type { Token } from './names.ts';

/**
 * People only from the directory: a run of name-like words is a person when it is someone's
 * display name, given name, surname, given and surname, or the local part of their UPN or
 * mail (accents and case folded). Exactly one such person is a sure match; several, or a
 * name only near one (a typo, "jon" for Joni), are candidates for the asker to choose from,
 * never a silent choice.
 */
export interface DirectoryPerson {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
}

export type PersonMatch =
  | { kind: 'one'; person: DirectoryPerson; tokens: Token[] }
  | { kind: 'many'; people: DirectoryPerson[]; tokens: Token[] }
  | { kind: 'near'; people: DirectoryPerson[]; tokens: Token[] };

interface Form {
  /** Folded words of the name. */
  words: string[];
  person: DirectoryPerson;
}

interface Index {
  /** Folded name ("bob kelly", "bob", "kelly", "scanner") → the people it names exactly. */
  exact: Map<string, Set<DirectoryPerson>>;
  forms: Form[];
}

const words = (s: string): string[] =>
  foldWord(s)
    .split(/[\s._]+/)
    .map((w) => w.replace(/^['’-]+|['’-]+$/g, ''))
    .filter(Boolean);

/** The local part of an address, for a guest's the part before "_domain#EXT#". */
const localPart = (address: string | null | undefined): string | undefined => address?.split('@')[0]?.replace(/_[^_]*#ext#$/i, '') || undefined;

const indexes = new WeakMap<readonly DirectoryPerson[], Index>();

function indexOf(people: readonly DirectoryPerson[]): Index {
  const cached = indexes.get(people);
  if (cached) return cached;
  const exact = new Map<string, Set<DirectoryPerson>>();
  const forms: Form[] = [];
  const add = (name: string | null | undefined, person: DirectoryPerson) => {
    if (!name) return;
    const w = words(name);
    if (!w.length) return;
    const key = w.join(' ');
    let set = exact.get(key);
    if (!set) exact.set(key, (set = new Set()));
    if (!set.has(person)) {
      set.add(person);
      forms.push({ words: w, person });
    }
  };
  for (const p of people) {
    add(p.displayName, p);
    add(p.givenName, p);
    add(p.surname, p);
    if (p.givenName && p.surname) add(`${p.givenName} ${p.surname}`, p);
    add(localPart(p.userPrincipalName), p);
    add(localPart(p.mail), p);
    // A local part with no separator ("scanner", "breakglass01") is a name by itself.
    for (const l of [localPart(p.userPrincipalName), localPart(p.mail)]) if (l && !/[._]/.test(l)) add(l, p);
  }
  const index = { exact, forms };
  indexes.set(people, index);
  return index;
}

/**
 * Whether a typed word is near a name's word: one typo in 4+ letters, two in 8+, or a
 * short form of it ("jon" for joni, "bobb" for bob).
 */
function nearWord(typed: string, name: string): number | undefined {
  if (typed === name) return 0;
  const shorter = Math.min(typed.length, name.length);
  if (shorter >= 3 && Math.abs(typed.length - name.length) <= 2 && (name.startsWith(typed) || typed.startsWith(name))) return 1;
  const budget = shorter >= 8 ? 2 : shorter >= 4 ? 1 : 0;
  if (!budget) return undefined;
  const d = editDistance(typed, name, budget);
  return d <= budget ? d : undefined;
}

/** Every span of a run, longest first (a run may carry a word that is not part of the name). */
function spans(run: Token[]): Token[][] {
  const out: Token[][] = [];
  for (let len = run.length; len >= 1; len--) for (let i = 0; i + len <= run.length; i++) out.push(run.slice(i, i + len));
  return out;
}

const spanWords = (span: Token[]): string[] => span.flatMap((t) => words(t.text));

/** The person the runs name: an exact match in any run first, else (unless `exactOnly`) the nearest names. */
export function matchPerson(runs: readonly Token[][], people: readonly DirectoryPerson[], exactOnly = false): PersonMatch | undefined {
  if (!people.length) return undefined;
  const index = indexOf(people);
  for (const run of runs) {
    for (const span of spans(run)) {
      const found = index.exact.get(spanWords(span).join(' '));
      if (!found) continue;
      const list = [...found];
      return list.length === 1 ? { kind: 'one', person: list[0]!, tokens: span } : { kind: 'many', people: sortPeople(list), tokens: span };
    }
  }
  if (exactOnly) return undefined;
  // A near match is the whole run, or part of a run of two ("colleague jon"): "van" in "new hire pieter van dijk" is not Vance.
  for (const run of runs) {
    for (const span of run.length <= 2 ? spans(run) : [run]) {
      const typed = spanWords(span);
      const scored = new Map<DirectoryPerson, number>();
      for (const f of index.forms) {
        if (f.words.length !== typed.length) continue;
        let total = 0;
        for (let i = 0; i < typed.length && total >= 0; i++) {
          const d = nearWord(typed[i]!, f.words[i]!);
          total = d === undefined ? -1 : total + d;
        }
        if (total > 0 && (scored.get(f.person) ?? Infinity) > total) scored.set(f.person, total);
      }
      if (scored.size) {
        const near = [...scored].sort((a, b) => a[1] - b[1] || (a[0].displayName ?? '').localeCompare(b[0].displayName ?? '')).map(([p]) => p);
        return { kind: 'near', people: near.slice(0, 5), tokens: span };
      }
    }
  }
  return undefined;
}

/** A person by an address (UPN or mail) or directory id. */
export function personByAddress(address: string, people: readonly DirectoryPerson[]): DirectoryPerson | undefined {
  const a = address.toLowerCase();
  return people.find((p) => p.id.toLowerCase() === a || p.userPrincipalName?.toLowerCase() === a || p.mail?.toLowerCase() === a);
}

function sortPeople(list: DirectoryPerson[]): DirectoryPerson[] {
  return list.sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? ''));
}

export function candidate(p: DirectoryPerson): PersonCandidate {
  return { id: p.id, ...(p.displayName ? { displayName: p.displayName } : {}), ...(p.userPrincipalName ? { userPrincipalName: p.userPrincipalName } : {}) };
}
