import type { Command } from '../../conversation/command.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import { diagnoseListing } from '../../query/diagnose-attempts.ts';
import { listAttempts, type AttemptListing } from '../../query/list-attempts.ts';
import type { SignIn } from '../../signins/signin.ts';
import { lockoutsCard, lockoutsNowCard, namesList, sentenceGap, type LockoutNow } from '../../cards/list-cards.ts';
import { t } from '../../i18n/translate.ts';
import { windowBefore } from '../../instants.ts';
import type { AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { lockoutsIn } from '../common/lockouts-window.ts';
import { defaultWindow, windowText } from '../common/listing.ts';
import { LOCKOUT_CODE, lockRun, RECENT_MINUTES } from '../../diagnosis/lock-run.ts';

/** "Is anyone locked out": everyone's 50053 lockouts in the window, one line per person. */
export function lockouts(c: Command, ctx: AnswerContext): Promise<Prepared> {
  if (c.present) return lockoutsNow(ctx);
  const w = defaultWindow(ctx.now, c);
  return lockoutsIn({ ...w, timeText: c.timeText, asked: c.since !== undefined && c.until !== undefined }, ctx, 1);
}

/** How far "right now" looks for lockouts: far past any smart lockout still in force. */
export const IN_FORCE_LOOKBACK_HOURS = 24;
/** People whose own sign-ins are read to see whether they signed in since (one look-up each). */
export const MAX_CHECKED = 25;

/**
 * "Who is locked out right now / currently": the people whose lock may still be in force. The
 * log records refused sign-ins, not the lock, so that is: locked out (50053) in the last hour,
 * by smart lockout, with no interactive sign-in since that succeeded or had its password
 * checked (lock-run.ts). Lockouts of the last 24 hours are read to find them, then each recent
 * one's own sign-ins since; the others are listed on one line each, with what the log shows.
 */
async function lockoutsNow(ctx: AnswerContext): Promise<Prepared> {
  const w = windowBefore(ctx.now, IN_FORCE_LOOKBACK_HOURS);
  const listing = await listAttempts(ctx.source, { errorCode: LOCKOUT_CODE, since: w.since, until: w.until, now: ctx.now });
  const byPerson = new Map<string, SignIn[]>();
  for (const e of listing.attempts.flatMap((a) => a.events))
    if (e.status.errorCode === LOCKOUT_CODE && e.userId) byPerson.set(e.userId, [...(byPerson.get(e.userId) ?? []), e]);
  const latestOf = (id: string) => Math.max(...byPerson.get(id)!.map((e) => Date.parse(e.createdDateTime)));
  const newestFirst = [...byPerson.keys()].sort((a, b) => latestOf(b) - latestOf(a));
  const recent = newestFirst.filter((id) => Date.parse(ctx.now) - latestOf(id) <= RECENT_MINUTES * 60_000);
  const checked = recent.slice(0, MAX_CHECKED);
  // Each recent one's own sign-ins in the window: a sign-in after the lockout says it lifted.
  const own = new Map<string, AttemptListing>();
  for (const id of checked) own.set(id, await listAttempts(ctx.source, { user: id, since: w.since, until: w.until, now: ctx.now }));
  return {
    shows: usersIn([...listing.attempts, ...[...own.values()].flatMap((l) => l.attempts)]),
    render: async () => {
      const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
      const latestDiagnosis = new Map<string, Diagnosis>();
      for (const d of diagnosed.diagnoses.filter((x) => x.scenario === 'account-locked'))
        if (!latestDiagnosis.has(d.user.id) || Date.parse(d.time) > Date.parse(latestDiagnosis.get(d.user.id)!.time)) latestDiagnosis.set(d.user.id, d);
      const people: LockoutNow[] = newestFirst.map((id) => {
        const run = lockRun(own.get(id)?.attempts.flatMap((a) => a.events) ?? byPerson.get(id)!, ctx.now)!;
        const d = latestDiagnosis.get(id);
        const kind = (d?.findings.find((f) => f.kind === 'lockout-kind')?.data as { kind?: string } | undefined)?.kind;
        const name = d?.user.displayName ?? d?.user.userPrincipalName ?? run.latest.userDisplayName ?? run.latest.userPrincipalName ?? id;
        return { userId: id, name, run, diagnosis: d, maliciousIp: kind === 'malicious-ip', checked: own.has(id) };
      });
      const inForce = people.filter((p) => p.checked && p.run.mayBeInForce && !p.maliciousIp);
      const locale = ctx.locale ?? 'en';
      const n = inForce.length;
      const others = people.length - n;
      const hours = IN_FORCE_LOOKBACK_HOURS;
      const said = n
        ? t(locale, 'reply.list.now.some', {
            count: n,
            names: namesList(
              locale,
              inForce.map((p) => p.name),
            ),
          })
        : people.length
          ? t(locale, 'reply.list.now.noneRecent')
          : t(locale, 'reply.list.now.none', { hours });
      return {
        text: [said, others ? t(locale, 'reply.list.now.others', { count: others, hours }) : ''].filter(Boolean).join(sentenceGap(locale)),
        card: lockoutsNowCard(
          {
            people,
            window: windowText(w.since, w.until, ctx.timeZone, t(locale, 'list.window.lastHours', { hours }), ctx.now, locale),
            hours,
            uncheckedRecent: recent.length - checked.length,
            timeZone: ctx.timeZone,
          },
          locale,
        ),
      };
    },
  };
}
