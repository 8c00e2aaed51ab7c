import type { Diagnosis } from '../diagnosis/types.ts';
import { links } from '../diagnosis/links.ts';
import { formatInTimeZone } from '../time-format.ts';
import { renderCard, type Card } from './render.ts';
import { agoMsg, type LockRun } from '../diagnosis/lock-run.ts';
import { render } from '../i18n/message.ts';
import { formatList } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { scenarioTitle } from './localized.ts';

/** Tenant-wide lists: who is locked out, which sign-ins were flagged. */
const MAX_ITEMS = 10;
/** A row is its own button (a button beside it is clipped in a narrow pane, issue 17): the list says so. */
export const tapWords = (locale: Locale): string => t(locale, 'list.tap');
/** Between two sentences: a space, none in Japanese (its full stop is the gap). */
export const sentenceGap = (locale: Locale): string => (locale === 'ja' ? '' : ' ');
/** The buttons every list card has. */
const listLabels = (locale: Locale) => ({ diagnose: t(locale, 'list.diagnose'), signInLogs: t(locale, 'list.signInLogs') });

/** Which page of a lockouts card, and the window its "Next" button sends back (routes/intents/lockouts.ts). */
export interface LockoutsPage {
  window: { since: string; until: string; timeText?: string; asked: boolean };
  page: number;
}

export function lockoutsCard(lockouts: Diagnosis[], windowText: string, timeZone: string, paging: LockoutsPage, locale: Locale = 'en'): Card {
  // One entry per person: their latest lockout; people most recent first (the diagnoses come newest first).
  const latest = new Map<string, Diagnosis>();
  for (const d of lockouts) if (!latest.has(d.user.id)) latest.set(d.user.id, d);
  const everyone = [...latest.values()];
  const pages = Math.max(1, Math.ceil(everyone.length / MAX_ITEMS));
  const at = Math.min(Math.max(1, paging.page), pages);
  const first = (at - 1) * MAX_ITEMS;
  const people = everyone.slice(first, first + MAX_ITEMS).map((d) => {
    const kind = d.findings.find((f) => f.kind === 'lockout-kind');
    const k = (kind?.data as { kind?: string } | undefined)?.kind;
    return {
      name: d.user.displayName ?? d.user.userPrincipalName ?? d.user.id,
      kind: t(locale, k === 'malicious-ip' ? 'list.lockouts.kind.malicious' : k === 'smart-lockout' ? 'list.lockouts.kind.smart' : 'list.lockouts.kind.locked'),
      detail: t(locale, 'list.lockouts.detail', {
        time: formatInTimeZone(d.time, timeZone, locale),
        app: d.app.displayName ?? t(locale, 'list.lockouts.anApp'),
      }),
      sources: sourcesLine(d, locale),
      diagnose: { correlationId: d.correlationId || undefined, userId: d.user.id },
    };
  });
  const canPage = at < pages;
  const next = Math.min(MAX_ITEMS, everyone.length - (first + MAX_ITEMS));
  return renderCard('lockouts', {
    labels: listLabels(locale),
    title: latest.size ? t(locale, 'list.lockouts.title', { count: latest.size, window: windowText }) : t(locale, 'list.lockouts.none', { window: windowText }),
    subtitle: [
      latest.size <= MAX_ITEMS
        ? t(locale, 'list.lockouts.subtitle')
        : t(locale, 'list.lockouts.page', { first: first + 1, last: first + people.length, total: latest.size }),
      people.length ? tapWords(locale) : '',
    ]
      .filter(Boolean)
      .join(sentenceGap(locale)),
    people,
    earlier: [],
    empty: t(locale, 'list.lockouts.empty'),
    hasMore: canPage,
    moreTitle: t(locale, 'list.lockouts.next', { count: next }),
    more: canPage ? { ...paging.window, page: at + 1 } : {},
    signInLogs: links.signInLogs(),
  });
}

/** One person locked out in the last 24 hours, for "who is locked out right now" (the route reads the log; see lock-run.ts). */
export interface LockoutNow {
  userId: string;
  name: string;
  run: LockRun;
  /** Their latest lockout's diagnosis: the kind and where the attempts came from. */
  diagnosis?: Diagnosis;
  maliciousIp: boolean;
  /** Their own sign-ins since were read (only the most recent people's are). */
  checked: boolean;
}

/** Names on one line before "and N more". */
const MAX_NAMES = 10;

/**
 * "Who is locked out right now": the people whose lock may still be in force, each with since
 * when, by what and the earliest it lifts; then a line each for those locked out earlier whose
 * log shows it lifted, or most likely has, or who were blocked by IP rather than locked.
 */
export function lockoutsNowCard(
  v: { people: LockoutNow[]; window: string; hours: number; uncheckedRecent: number; timeZone: string },
  locale: Locale = 'en',
): Card {
  const at = (iso: string) => formatInTimeZone(iso, v.timeZone, locale);
  const inForce = v.people.filter((p) => p.checked && p.run.mayBeInForce && !p.maliciousIp);
  // "Ann (at …), Bob (at …), and 3 more": the names as the language lists units (a comma in English, 、 in Japanese).
  const listed = (ps: LockoutNow[], what: (p: LockoutNow) => string) => {
    const items = namesList(
      locale,
      ps.slice(0, MAX_NAMES).map((p) => t(locale, 'list.now.item', { name: p.name, what: what(p) })),
    );
    return ps.length > MAX_NAMES ? t(locale, 'list.now.andMore', { items, count: ps.length - MAX_NAMES }) : items;
  };
  const rest = v.people.filter((p) => !inForce.includes(p));
  const blocked = rest.filter((p) => p.maliciousIp);
  const accounts = rest.filter((p) => !p.maliciousIp);
  const signedIn = accounts.filter((p) => p.run.success);
  const pwChecked = accounts.filter((p) => !p.run.success && p.run.checked);
  const older = accounts.filter((p) => !p.run.success && !p.run.checked && !p.run.mayBeInForce);
  const lockedAt = (p: LockoutNow) => at(p.run.latest.createdDateTime);
  const earlier = [
    signedIn.length
      ? t(locale, 'list.now.signedIn', {
          people: listed(signedIn, (p) => t(locale, 'list.now.signedInItem', { locked: lockedAt(p), signedIn: at(p.run.success!.createdDateTime) })),
        })
      : '',
    pwChecked.length
      ? t(locale, 'list.now.checked', {
          people: listed(pwChecked, (p) => t(locale, 'list.now.checkedItem', { locked: lockedAt(p), checked: at(p.run.checked!.createdDateTime) })),
        })
      : '',
    older.length ? t(locale, 'list.now.older', { people: listed(older, (p) => t(locale, 'list.now.at', { time: lockedAt(p) })) }) : '',
    blocked.length
      ? t(locale, 'list.now.blocked', {
          people: listed(blocked, (p) =>
            p.run.latest.ipAddress
              ? t(locale, 'list.now.atFrom', { time: lockedAt(p), ip: p.run.latest.ipAddress })
              : t(locale, 'list.now.at', { time: lockedAt(p) }),
          ),
        })
      : '',
    v.uncheckedRecent ? t(locale, 'list.now.unchecked', { count: v.uncheckedRecent, checked: v.people.filter((p) => p.checked).length }) : '',
  ].filter(Boolean);
  const people = inForce.slice(0, MAX_ITEMS).map((p) => {
    const { run } = p;
    const k = (p.diagnosis?.findings.find((f) => f.kind === 'lockout-kind')?.data as { kind?: string } | undefined)?.kind;
    return {
      name: p.name,
      kind: t(locale, k === 'smart-lockout' ? 'list.lockouts.kind.smart' : 'list.lockouts.kind.locked'),
      detail: t(locale, 'list.now.detail', {
        since: at(run.run[0]!.createdDateTime),
        count: run.run.length,
        latest: at(run.latest.createdDateTime),
        ago: render(locale, agoMsg(run.minutes)),
        earliest: at(run.earliest),
      }),
      sources: p.diagnosis ? sourcesLine(p.diagnosis, locale) : '',
      diagnose: { correlationId: p.diagnosis?.correlationId || undefined, userId: p.userId },
    };
  });
  const n = inForce.length;
  return renderCard('lockouts', {
    labels: listLabels(locale),
    title: n ? t(locale, 'list.now.title', { count: n }) : v.people.length ? t(locale, 'list.now.noneRecent') : t(locale, 'list.now.none', { hours: v.hours }),
    subtitle: [t(locale, 'list.now.subtitle', { window: v.window }), n > MAX_ITEMS ? t(locale, 'list.now.mostRecent', { count: MAX_ITEMS }) : '']
      .filter(Boolean)
      .join(sentenceGap(locale)),
    people,
    earlier,
    empty: t(locale, 'list.now.empty'),
    signInLogs: links.signInLogs(),
  });
}

/**
 * Names with their times, listed: as units in most languages ("a (…), b (…)", German "a, b und c"),
 * with 、 in Japanese, whose unit lists are joined by spaces only.
 */
export const namesList = (locale: Locale, items: string[]): string =>
  locale === 'ja' ? new Intl.ListFormat('ja', { type: 'conjunction' }).format(items) : formatList(locale, items);

/** Where the attempts before a lockout came from: "12 failures from 203.0.113.196 (10), …". */
function sourcesLine(d: Diagnosis, locale: Locale): string {
  const sources = d.findings.find((f) => f.kind === 'lockout-sources')?.data as { byIp?: { value: string; count: number }[]; total?: number } | undefined;
  return sources?.byIp?.length ? failuresFrom(sources.total ?? 0, sources.byIp, locale) : '';
}

/** "3 failures from 1.2.3.4 (2), 5.6.7.8 (1)"; one address takes no count of its own ("1 failure from 1.2.3.4", not "… (1)"). */
export function failuresFrom(total: number, byIp: { value: string; count: number }[], locale: Locale = 'en'): string {
  const listed =
    byIp.length === 1
      ? byIp[0]!.value
      : byIp
          .slice(0, 3)
          .map((s) => `${s.value} (${s.count})`)
          .join(', ');
  const ips = byIp.length > 3 ? t(locale, 'list.andMore', { items: listed, count: byIp.length - 3 }) : listed;
  return t(locale, 'list.failuresFrom', { count: total, ips });
}

/** `total`: flagged attempts found in the window (only the newest are diagnosed); `readAll`: false when the read stopped at its limit. */
export function flaggedCard(
  flagged: Diagnosis[],
  windowText: string,
  timeZone: string,
  found: { total: number; readAll: boolean } = { total: flagged.length, readAll: true },
  locale: Locale = 'en',
): Card {
  const shown = Math.min(flagged.length, MAX_ITEMS);
  const notes = [
    found.total > shown ? t(locale, 'list.flagged.older', { shown, total: found.total }) : '',
    found.readAll ? '' : t(locale, 'list.flagged.truncated'),
  ].filter(Boolean);
  return renderCard('flagged', {
    labels: listLabels(locale),
    title: found.total ? t(locale, 'list.flagged.title', { count: found.total, window: windowText }) : t(locale, 'list.flagged.none', { window: windowText }),
    subtitle: [t(locale, 'list.flagged.subtitle'), flagged.length ? tapWords(locale) : '', ...notes].filter(Boolean).join(sentenceGap(locale)),
    items: flagged.slice(0, MAX_ITEMS).map((d) => ({
      name: d.user.displayName ?? d.user.userPrincipalName ?? d.user.id,
      app: d.app.displayName ?? '?',
      time: formatInTimeZone(d.time, timeZone, locale),
      result: d.scenario === 'success' ? t(locale, 'list.flagged.succeeded') : `${scenarioTitle(d, locale)} (${d.errorCode})`,
      diagnose: { correlationId: d.correlationId || undefined, userId: d.user.id },
    })),
    empty: t(locale, 'list.flagged.empty'),
    signInLogs: links.signInLogs(),
  });
}
