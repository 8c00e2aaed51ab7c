import type { Diagnosis } from '../diagnosis/types.ts';
import { links } from '../diagnosis/links.ts';
import { formatInTimeZone } from '../time-format.ts';
import { renderCard, type Card } from './render.ts';

/** Tenant-wide lists: who is locked out, which sign-ins were flagged. */
const MAX_ITEMS = 10;

export function lockoutsCard(lockouts: Diagnosis[], windowText: string, timeZone: string): Card {
  // One entry per person: their latest lockout.
  const latest = new Map<string, Diagnosis>();
  for (const d of lockouts) if (!latest.has(d.user.id)) latest.set(d.user.id, d);
  const people = [...latest.values()].slice(0, MAX_ITEMS).map((d) => {
    const kind = d.findings.find((f) => f.kind === 'lockout-kind');
    const sources = d.findings.find((f) => f.kind === 'lockout-sources')?.data as { byIp?: { value: string; count: number }[]; total?: number } | undefined;
    const k = (kind?.data as { kind?: string } | undefined)?.kind;
    return {
      name: d.user.displayName ?? d.user.userPrincipalName ?? d.user.id,
      kind: k === 'malicious-ip' ? 'blocked IP (malicious)' : k === 'smart-lockout' ? 'smart lockout' : 'locked',
      detail: `Last at ${formatInTimeZone(d.time, timeZone)} on ${d.app.displayName ?? 'an app'}.`,
      sources: sources?.byIp?.length ? failuresFrom(sources.total ?? 0, sources.byIp) : '',
      diagnose: { correlationId: d.correlationId || undefined, userId: d.user.id },
    };
  });
  return renderCard('lockouts', {
    title: latest.size ? `${latest.size} ${latest.size === 1 ? 'person was' : 'people were'} locked out ${windowText}` : `Nobody was locked out ${windowText}`,
    subtitle:
      latest.size > MAX_ITEMS ? `The ${MAX_ITEMS} most recent are shown.` : 'Smart lockout, or a block on a malicious IP, with where the attempts came from.',
    people,
    empty: 'No 50053 lockout events in that window.',
    signInLogs: links.signInLogs(),
  });
}

/** "3 failures from 1.2.3.4 (2), 5.6.7.8 (1)"; one address takes no count of its own ("1 failure from 1.2.3.4", not "… (1)"). */
export function failuresFrom(total: number, byIp: { value: string; count: number }[]): string {
  const ips =
    byIp.length === 1
      ? byIp[0]!.value
      : byIp
          .slice(0, 3)
          .map((s) => `${s.value} (${s.count})`)
          .join(', ');
  return `${total} failure${total === 1 ? '' : 's'} from ${ips}${byIp.length > 3 ? ` and ${byIp.length - 3} more` : ''}`;
}

export function flaggedCard(flagged: Diagnosis[], windowText: string, timeZone: string): Card {
  return renderCard('flagged', {
    title: flagged.length
      ? `${flagged.length} sign-in${flagged.length === 1 ? ' was' : 's were'} flagged for review ${windowText}`
      : `No sign-ins were flagged for review ${windowText}`,
    subtitle: 'A user flags a failed sign-in from the error page so the helpdesk can find it.',
    items: flagged.slice(0, MAX_ITEMS).map((d) => ({
      name: d.user.displayName ?? d.user.userPrincipalName ?? d.user.id,
      app: d.app.displayName ?? '?',
      time: formatInTimeZone(d.time, timeZone),
      result: d.scenario === 'success' ? 'Succeeded' : `${d.title} (${d.errorCode})`,
      diagnose: { correlationId: d.correlationId || undefined, userId: d.user.id },
    })),
    empty: 'Nothing flagged in that window.',
    signInLogs: links.signInLogs(),
  });
}
