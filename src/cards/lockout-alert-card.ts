import type { Diagnosis } from '../diagnosis/types.ts';
import { links } from '../diagnosis/links.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import { renderCard, type Card } from './render.ts';

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
export function lockoutAlertCard(e: AlertEpisode, latest: Diagnosis | undefined, names: Record<string, string>, timeZone = 'UTC'): Card {
  const who = (id: string) => names[id] ?? id;
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
    ? `Handled by ${e.handledBy} at ${formatInTimeZone(e.handledAt!, timeZone)}`
    : e.ended
      ? `Ended: no lockout since ${formatInTimeZone(e.last, timeZone)}`
      : 'Still happening';
  return renderCard('lockout-alert', {
    title:
      e.kind === 'spray'
        ? `Password spray from ${e.ip}: ${e.userIds.length} ${e.userIds.length === 1 ? 'person' : 'people'} locked out`
        : `Locked out: ${who(e.userIds[0]!)}`,
    state,
    headerStyle: e.handledBy || e.ended ? 'emphasis' : 'attention',
    summary: localizeTimes(
      e.kind === 'spray'
        ? spraySummary(e, kind?.data as { usersFailingFromIp?: number } | undefined)
        : [kind?.text, verdict?.text].filter(Boolean).join(' ') || (latest?.assessment ?? 'The account was locked.'),
      timeZone,
    ),
    facts: [
      { title: 'Lockouts', value: String(e.lockouts) },
      { title: 'First', value: formatInTimeZone(e.first, timeZone) },
      { title: 'Latest', value: formatInTimeZone(e.last, timeZone) },
      { title: 'From', value: top(sources?.byIp) },
      { title: 'Apps', value: top(sources?.byApp) },
      { title: 'Clients', value: top(sources?.byClient) },
      // The times above are in this zone: the reader's, or the one the channel subscribed with.
      { title: 'Zone', value: timeZone.replace(/_/g, ' ') },
    ],
    // Which of them the Diagnose button opens: the person of the latest lockout.
    people: e.kind === 'spray' ? e.userIds.slice(0, 10).map((id) => (id === latest?.user.id ? `${who(id)} (latest: Diagnose opens it)` : who(id))) : [],
    todo:
      e.kind === 'spray'
        ? 'They can still sign in from their usual network: the block is on the attacking IP. Review the sign-ins from that IP across the tenant, and make sure the targeted accounts have MFA.'
        : localizeTimes(
            latest?.actions
              .map((a) => a.text)
              .slice(0, 2)
              .join(' ') ?? 'Diagnose the lockout.',
            timeZone,
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
function spraySummary(e: AlertEpisode, kind: { usersFailingFromIp?: number } | undefined): string {
  const tried = kind?.usersFailingFromIp ? `: ${kind.usersFailingFromIp} accounts failed to sign in from it` : '';
  return `${e.ip} is trying passwords on many accounts${tried}. Entra blocks it as a malicious IP, so the ${e.userIds.length === 1 ? 'person' : `${e.userIds.length} people`} below ${e.userIds.length === 1 ? 'is' : 'are'} blocked from that IP only and can still sign in from their usual places.`;
}
