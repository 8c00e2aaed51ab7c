import type { Command } from '../../conversation/command.ts';
import type { Attempt } from '../../diagnosis/attempts.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import { resolveUser } from '../../query/resolve.ts';
import type { User } from '../../signins/directory.ts';
import type { SignIn } from '../../signins/signin.ts';
import { lockStateCard, type LockStateView } from '../../cards/lock-state-card.ts';
import { noticeCard, pickUserCard } from '../../cards/simple-cards.ts';
import { hoursBefore } from '../../instants.ts';
import { formatInTimeZone, localizeTimes } from '../../time-format.ts';
import type { Answer, AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { diagnoseFor } from '../common/diagnose-for.ts';
import { agoMsg, FIRST_LOCKOUT_SECONDS, lockRun } from '../../diagnosis/lock-run.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';
import { render, wordsOf } from '../../i18n/message.ts';
import { formatList } from '../../i18n/format.ts';
import { keepWhole } from '../../cards/localized.ts';
import { sentenceGap } from '../../cards/list-cards.ts';
import { nobodyLines } from '../common/which-person.ts';

/**
 * "Is bob locked out?", "am I locked out?": one person's lockout state now. The sign-in log
 * records sign-ins refused with 50053, not the lock: Entra logs nothing when smart lockout
 * starts or lifts. So the state is read from the attempts: the latest lockout, whether a sign-in
 * after it succeeded (not locked) or had its password checked again (the lock had lifted), and
 * how long ago it was (a first lockout lasts 60 seconds; repeated ones longer).
 */

/** Without a time: the last week of sign-ins. */
const LOOKBACK_DAYS = 7;

export async function lockState(c: Command, ctx: AnswerContext): Promise<Prepared> {
  const person = await personOf(c, ctx);
  if (!('user' in person)) return person;
  const user = person.user;
  // "Is bob locked out right now / still": the state now, so the whole lookback, not the last 15 minutes.
  const since = (!c.present && c.since) || hoursBefore(ctx.now, LOOKBACK_DAYS * 24);
  const listing = await listAttempts(ctx.source, { user: user.id, knownUser: user, since, until: ctx.now, now: ctx.now });
  return {
    shows: usersIn(listing.attempts, user),
    render: () => stateAnswer(c, ctx, user, listing.attempts, since),
  };
}

/** The person asked about, or the "which one?" / "not found" answer (as for "why did X fail"). */
async function personOf(c: Command, ctx: AnswerContext): Promise<{ user: User } | Prepared> {
  const byId = c.userId ? await ctx.source.getUser(c.userId) : undefined;
  if (byId) return { user: byId };
  const locale = ctx.locale ?? 'en';
  const extra = { since: c.since, until: c.until };
  if (!c.user) {
    // Only a near miss ("jon"): offer the people it may mean, as loaded from the directory.
    const near = (await Promise.all((c.userCandidates ?? []).map((p) => ctx.source.getUser(p.id)))).filter((u): u is User => !!u);
    const typed = c.userText ?? t(locale, 'whichPerson.thatName');
    const line = near.length ? t(locale, 'whichPerson.notSure', { typed }) : t(locale, 'lockState.namePerson');
    return {
      shows: near.map((u) => u.id),
      render: async () => ({
        text: line,
        card: near.length
          ? pickUserCard(typed, near, 'diagnose', extra, t(locale, 'whichPerson.whom', { typed }), locale)
          : noticeCard(t(locale, 'whichPerson.whoTitle'), [line], 'Warning'),
      }),
    };
  }
  const r = await resolveUser(ctx.source, c.user, ctx.allUsers);
  if (r.kind === 'one') return { user: r.user };
  if (r.kind === 'many')
    return {
      shows: r.users.map((u) => u.id),
      render: async () => ({
        text: t(locale, 'whichPerson.matches', { typed: c.user!, count: r.users.length }),
        card: pickUserCard(c.user!, r.users, 'diagnose', extra, undefined, locale),
      }),
    };
  const lines = nobodyLines(c.user, r.suggestions, locale);
  return {
    shows: r.suggestions.map((u) => u.id),
    render: async () => ({
      text: lines.join(sentenceGap(locale)),
      card: r.suggestions.length
        ? pickUserCard(c.user!, r.suggestions, 'diagnose', extra, t(locale, 'whichPerson.nobodyPick', { typed: c.user! }), locale)
        : noticeCard(t(locale, 'whichPerson.notFound', { typed: c.user! }), lines, 'Warning'),
    }),
  };
}

async function stateAnswer(c: Command, ctx: AnswerContext, user: User, attempts: Attempt[], since: string): Promise<Answer> {
  const name = user.displayName ?? user.userPrincipalName;
  const tz = ctx.timeZone;
  const locale = ctx.locale ?? 'en';
  const at = (iso: string) => formatInTimeZone(iso, tz, locale);
  const card = (v: LockStateView) => lockStateCard(v, locale);
  const lr = lockRun(
    attempts.flatMap((a) => a.events),
    ctx.now,
  );
  const base = { facts: [] as LockStateView['facts'], clears: '', attempts: { userId: user.id, since, until: ctx.now } };
  const when = c.timeText && !c.present ? c.timeText : t(locale, 'lockState.lastDays', { days: LOOKBACK_DAYS });
  if (!lr) {
    const view: LockStateView = {
      ...base,
      title: t(locale, 'lockState.notLocked.title', { name }),
      color: 'Good',
      lines: [t(locale, 'lockState.notLocked.line', { when })],
      caveat: t(locale, 'lockState.notLocked.caveat'),
    };
    return { text: t(locale, 'reply.lockState.notLocked', { name, when }), card: card(view) };
  }
  const { latest, run, success, checked, minutes, earliest } = lr;

  const attempt = attempts.find((a) => a.events.some((e) => e.id === latest.id))!;
  const d = await diagnoseFor(ctx, attempt);
  const kind = (d.findings.find((f) => f.kind === 'lockout-kind')?.data as { kind?: string } | undefined)?.kind;
  const facts = lockoutFacts(d, run, at, locale);
  const caveat = t(locale, 'lockState.caveat');
  const view = (v: Omit<LockStateView, 'attempts' | 'diagnose' | 'caveat'>): LockStateView => ({
    ...base,
    ...v,
    caveat,
    diagnose: { correlationId: d.correlationId || undefined, userId: user.id },
  });
  // "By what": the facts name the kind and the sources; the verdict says whose wrong passwords they look like.
  const verdict = d.findings.find((f) => f.kind === 'password-verdict');
  const why = verdict ? [localizeTimes(wordsOf(locale, verdict), tz, locale)] : [];
  const lockedAt = at(latest.createdDateTime);
  const ago = render(locale, agoMsg(minutes));

  if (success) {
    const v = view({
      title: t(locale, 'lockState.notLocked.title', { name }),
      color: 'Good',
      lines: [t(locale, 'lockState.signedIn.line', { latest: lockedAt, success: at(success.createdDateTime) }), ...why],
      facts,
      clears: '',
    });
    return { text: t(locale, 'reply.lockState.signedIn', { name, latest: lockedAt, success: at(success.createdDateTime) }), card: card(v) };
  }
  if (kind === 'malicious-ip') {
    const ip = latest.ipAddress ?? t(locale, 'lockState.blocked.oneIp');
    const v = view({
      title: t(locale, 'lockState.blocked.title', { name, ip }),
      color: 'Warning',
      lines: [t(locale, 'lockState.blocked.line', { time: lockedAt, ip }), ...why],
      facts,
      clears: t(locale, 'lockState.blocked.clears'),
    });
    return { text: t(locale, 'reply.lockState.blocked', { name, ip, time: lockedAt }), card: card(v) };
  }
  if (checked) {
    const v = view({
      title: t(locale, 'lockState.checked.title', { name }),
      color: 'Good',
      lines: [t(locale, 'lockState.checked.line', { latest: lockedAt, checked: at(checked.createdDateTime) }), ...why],
      facts,
      clears: '',
    });
    return { text: t(locale, 'reply.lockState.checked', { name, checked: at(checked.createdDateTime) }), card: card(v) };
  }
  const clears = t(locale, 'lockState.clears', { seconds: FIRST_LOCKOUT_SECONDS, count: run.length, earliest: at(earliest) });
  if (lr.mayBeInForce) {
    // The log shows refused sign-ins, not the lock: say what it shows, and that the lock may still hold.
    const v = view({
      title: t(locale, 'lockState.inForce.title', { name }),
      color: 'Attention',
      lines: [t(locale, 'lockState.inForce.line', { latest: lockedAt, ago, count: run.length, first: at(run[0]!.createdDateTime) }), ...why],
      facts,
      clears,
    });
    return { text: t(locale, 'reply.lockState.inForce', { name, latest: lockedAt, earliest: at(earliest) }), card: card(v) };
  }
  const v = view({
    title: t(locale, 'lockState.lifted.title', { name }),
    color: 'Warning',
    lines: [t(locale, 'lockState.lifted.line', { latest: lockedAt, ago }), ...why],
    facts,
    clears: '',
  });
  return { text: t(locale, 'reply.lockState.lifted', { name, latest: lockedAt }), card: card(v) };
}

/** The run's facts, and what the latest lockout's diagnosis found about its sources. */
function lockoutFacts(d: Diagnosis, run: SignIn[], at: (iso: string) => string, locale: Locale): LockStateView['facts'] {
  const kind = (d.findings.find((f) => f.kind === 'lockout-kind')?.data as { kind?: string; priorFailures?: number } | undefined) ?? {};
  const sources = d.findings.find((f) => f.kind === 'lockout-sources')?.data as
    { byIp?: { value: string; count: number }[]; byApp?: { value: string; count: number }[]; total?: number } | undefined;
  // "203.0.113.196 (12), 198.51.100.7 (3)": addresses and apps as the log names them, listed as the language lists units.
  const top = (l?: { value: string; count: number }[]) =>
    formatList(
      locale,
      (l ?? []).slice(0, 3).map((s) => `${s.value} (${s.count})`),
    );
  const by =
    kind.kind === 'smart-lockout'
      ? t(locale, 'lockState.by.smart', { count: kind.priorFailures ?? 0 })
      : kind.kind === 'malicious-ip'
        ? t(locale, 'lockState.by.malicious')
        : t(locale, 'lockState.by.other');
  const title = (k: 'since' | 'lockouts' | 'by' | 'from' | 'apps') => keepWhole(t(locale, `lockState.fact.${k}`), locale);
  return [
    { title: title('since'), value: at(run[0]?.createdDateTime ?? d.time) },
    {
      title: title('lockouts'),
      value: t(locale, 'lockState.fact.lockoutsValue', { count: run.length, latest: at(run[run.length - 1]?.createdDateTime ?? d.time) }),
    },
    { title: title('by'), value: by },
    ...(top(sources?.byIp) ? [{ title: title('from'), value: top(sources?.byIp) }] : []),
    ...(top(sources?.byApp) ? [{ title: title('apps'), value: top(sources?.byApp) }] : []),
  ];
}
