import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceProblem } from '../source.ts';

/**
 * What the parser needs of a tenant folder (the app names, the people, the snapshot time,
 * what was skipped), kept beside the folder in `.signin-diag/names.json` and valid while the
 * folder's files keep their names, sizes and times. `signin-diag parse` then answers without
 * reading every sign-in; any change to the folder makes the next full read write it anew.
 */
const CACHE_DIR = '.signin-diag';
const CACHE_FILE = 'names.json';

/** A directory person as the parser matches names against them. */
export interface FolderPerson {
  id: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  userPrincipalName?: string;
  mail?: string;
}

export interface FolderNames {
  key: string;
  apps: string[];
  people: FolderPerson[];
  asOf?: string;
  problems: SourceProblem[];
  problemCount: number;
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const PERSON_NAMES = ['displayName', 'givenName', 'surname', 'userPrincipalName', 'mail'] as const;
function isPerson(v: unknown): v is FolderPerson {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p.id === 'string' && PERSON_NAMES.every((k) => p[k] === undefined || typeof p[k] === 'string');
}

/** The fields names are matched on, from directory users (nulls dropped). */
export function folderPeople(
  users: readonly {
    id: string;
    displayName?: string | null;
    givenName?: string | null;
    surname?: string | null;
    userPrincipalName?: string | null;
    mail?: string | null;
  }[],
): FolderPerson[] {
  return users.map((u) => {
    const p: FolderPerson = { id: u.id };
    for (const k of PERSON_NAMES) if (u[k]) p[k] = u[k];
    return p;
  });
}

/**
 * Checked by hand rather than with zod: this file is read on every `signin-diag parse`, and
 * zod would be most of that command's start. Anything of another shape is no cache.
 */
function isFolderNames(v: unknown): v is FolderNames {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.key === 'string' &&
    strings(o.apps) &&
    Array.isArray(o.people) &&
    o.people.every(isPerson) &&
    (o.asOf === undefined || typeof o.asOf === 'string') &&
    Array.isArray(o.problems) &&
    o.problems.every(
      (p) => typeof p === 'object' && p !== null && typeof (p as SourceProblem).where === 'string' && typeof (p as SourceProblem).message === 'string',
    ) &&
    typeof o.problemCount === 'number'
  );
}

/** The folder's files (not the cache's own folder) with size and modification time. */
function folderKey(dir: string): string {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => {
      const s = statSync(join(dir, f.name));
      return `${f.name}:${s.size}:${s.mtimeMs}`;
    })
    .sort();
  return files.join('|');
}

/** The cached names, or undefined when there is none or the folder changed since. */
export function readFolderNames(dir: string): FolderNames | undefined {
  try {
    const cached: unknown = JSON.parse(readFileSync(join(dir, CACHE_DIR, CACHE_FILE), 'utf8'));
    return isFolderNames(cached) && cached.key === folderKey(dir) ? cached : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only export folder simply gets no cache. */
export function writeFolderNames(dir: string, names: { apps: string[]; people: FolderPerson[]; asOf?: string; problems: readonly SourceProblem[] }): void {
  try {
    const body: FolderNames = {
      key: folderKey(dir),
      apps: names.apps,
      people: names.people,
      asOf: names.asOf,
      problems: names.problems.slice(0, 10),
      problemCount: names.problems.length,
    };
    mkdirSync(join(dir, CACHE_DIR), { recursive: true });
    writeFileSync(join(dir, CACHE_DIR, CACHE_FILE), JSON.stringify(body));
  } catch {
    // Not writable: every parse reads the folder, as before.
  }
}
