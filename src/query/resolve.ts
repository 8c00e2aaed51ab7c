import type { User } from '../signins/directory.ts';
import type { SignInSource } from '../signins/source.ts';
import { foldText } from '../signins/text.ts';
import { editDistance } from '../conversation/fuzzy.ts';

/**
 * A name as typed → a directory user: by UPN, mail or id first, then by display, given or
 * family name. Several matches ask the agent to choose; none says so and offers the
 * nearest names.
 */
export type Resolution = { kind: 'one'; user: User } | { kind: 'many'; users: User[] } | { kind: 'none'; typed: string; suggestions: User[] };

export async function resolveUser(source: SignInSource, typed: string, allUsers?: readonly User[]): Promise<Resolution> {
  // Only an address or an id can name one user directly; "bob" goes straight to the name search.
  const t = typed.trim();
  if (t.includes('@') || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t)) {
    const exact = await source.getUser(t);
    if (exact) return { kind: 'one', user: exact };
  }
  const found = await source.findUsers(typed, 10);
  const q = foldText(typed);
  // A full display-name match wins over people who merely contain the words.
  const whole = found.filter((u) => foldText(u.displayName ?? '') === q);
  if (whole.length === 1) return { kind: 'one', user: whole[0]! };
  if (found.length === 1) return { kind: 'one', user: found[0]! };
  if (found.length > 1) return { kind: 'many', users: found };
  return { kind: 'none', typed, suggestions: nearest(q, allUsers ?? []) };
}

/** Up to three people whose names are within two typos of what was typed ("bbo" → Bob). */
function nearest(q: string, users: readonly User[]): User[] {
  const scored: { u: User; d: number }[] = [];
  for (const u of users) {
    const names = [u.givenName, u.surname, u.displayName, u.userPrincipalName?.split('@')[0]?.split(/[._]/)[0]].filter((x): x is string => !!x).map(foldText);
    const d = Math.min(...names.map((n) => editDistance(q, n, 2)));
    if (d <= 2) scored.push({ u, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || (a.u.displayName ?? '').localeCompare(b.u.displayName ?? ''))
    .slice(0, 3)
    .map((s) => s.u);
}
