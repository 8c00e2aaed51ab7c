import type { Diagnosis } from '../diagnosis/types.ts';
import { links } from '../diagnosis/links.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import { renderCard, type Card } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { wordsOf } from '../i18n/message.ts';

/**
 * What the card shows of a lockout episode: the card's own view of it, so cards/ needs
 * nothing of notify/ (the watcher's stored Episode fits it as it is).
 */
export interface AlertEpisode {
  key: string;
  kind: 'person' | 'spray';
  userIds: string[];
  ip?: string;
  first: string;
  last: string;
  lockouts: number;
  ended: boolean;
  handledBy?: string;
  handledAt?: string;
}

/**
 * The card a subscribed channel gets when someone is locked out (or a spray locks out several),
 * with every time in `timeZone` (the channel's, recorded when it subscribed; the reader's when
 * they press a button on it), and the zone named on the card.
 */
export function lockoutAlertCard(e: AlertEpisode, latest: Diagnosis | undefined, names: Record<string, string>, timeZone = 'UTC', locale: Locale = 'en'): Card {
  const who = (id: string) => names[id] ?? id;
  const when = (iso: string) => formatInTimeZone(iso, timeZone, locale);
  const kind = latest?.findings.find((f) => f.kind === 'lockout-kind');
  const verdict = latest?.findings.find((f) => f.kind === 'password-verdict');
  const sources = latest?.findings.find((f) => f.kind === 'lockout-sources')?.data as
    { byIp?: { value: string; count: number }[]; byApp?: { value: string; count: number }[]; byClient?: { value: string; count: number }[] } | undefined;
  const top = (l?: { value: string; count: number }[]) =>
    (l ?? [])
      .slice(0, 3)
      .map((s) => `${s.value} (${s.count})`)
      .join(', ') || '—';
  const state = e.handledBy
    ? t(locale, 'alert.handled', { by: e.handledBy, time: when(e.handledAt!) })
    : e.ended
      ? t(locale, 'alert.ended', { time: when(e.last) })
      : t(locale, 'alert.ongoing');
  return renderCard('lockout-alert', {
    labels: {
      lockedOut: t(locale, 'alert.label.lockedOut'),
      todo: t(locale, 'alert.label.todo'),
      diagnose: t(locale, 'alert.label.diagnose'),
      markHandled: t(locale, 'alert.label.markHandled'),
      supportRequest: t(locale, 'alert.label.supportRequest'),
    },
    title:
      e.kind === 'spray'
        ? t(locale, 'alert.sprayTitle', { ip: e.ip ?? '', count: e.userIds.length })
        : t(locale, 'alert.personTitle', { name: who(e.userIds[0]!) }),
    state,
    headerStyle: e.handledBy || e.ended ? 'emphasis' : 'attention',
    summary: localizeTimes(
      e.kind === 'spray'
        ? spraySummary(e, kind?.data as { usersFailingFromIp?: number } | undefined, locale)
        : // The findings in the channel's language (their messages), the assessment's where there are none.
          [kind, verdict].flatMap((f) => (f ? [wordsOf(locale, f)] : [])).join(' ') ||
            (latest ? wordsOf(locale, { text: latest.assessment, msg: latest.assessmentMsg }) : t(locale, 'alert.accountLocked')),
      timeZone,
      locale,
    ),
    facts: [
      { title: t(locale, 'alert.fact.lockouts'), value: String(e.lockouts) },
      { title: t(locale, 'alert.fact.first'), value: when(e.first) },
      { title: t(locale, 'alert.fact.latest'), value: when(e.last) },
      { title: t(locale, 'alert.fact.from'), value: top(sources?.byIp) },
      { title: t(locale, 'alert.fact.apps'), value: top(sources?.byApp) },
      { title: t(locale, 'alert.fact.clients'), value: top(sources?.byClient) },
      // The times above are in this zone: the reader's, or the one the channel subscribed with.
      { title: t(locale, 'alert.fact.zone'), value: timeZone.replace(/_/g, ' ') },
    ],
    // Which of them the Diagnose button opens: the person of the latest lockout.
    people:
      e.kind === 'spray' ? e.userIds.slice(0, 10).map((id) => (id === latest?.user.id ? t(locale, 'alert.latestPerson', { name: who(id) }) : who(id))) : [],
    todo:
      e.kind === 'spray'
        ? t(locale, 'alert.sprayTodo')
        : localizeTimes(
            latest?.actions
              .map((a) => wordsOf(locale, a))
              .slice(0, 2)
              .join(' ') ?? t(locale, 'alert.diagnoseTodo'),
            timeZone,
            locale,
          ),
    // One person's ids: the latest lockout's attempt and its person. A spray's people are many, and its latest lockout need not be the first one's.
    diagnose: latest ? { userId: latest.user.id, correlationId: latest.correlationId || undefined } : { userId: e.userIds[0] },
    // A Microsoft support request only when the diagnosis says one is warranted (a lockout's cause is in the tenant or with the user),
    // so the alert never offers what the diagnosis card calls "Not needed".
    supportUrl: latest?.support.warranted ? latest.support.url : '',
    episodeKey: e.key,
  });
}

/** A spray is about the IP, not about one of the people it locked out. */
function spraySummary(e: AlertEpisode, kind: { usersFailingFromIp?: number } | undefined, locale: Locale): string {
  const values = { ip: e.ip ?? '', count: e.userIds.length };
  return kind?.usersFailingFromIp
    ? t(locale, 'alert.spraySummaryTried', { ...values, tried: kind.usersFailingFromIp })
    : t(locale, 'alert.spraySummary', values);
}
