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
import { ago, FIRST_LOCKOUT_SECONDS, lockRun } from '../../diagnosis/lock-run.ts';

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
  const extra = { since: c.since, until: c.until };
  if (!c.user) {
    // Only a near miss ("jon"): offer the people it may mean, as loaded from the directory.
    const near = (await Promise.all((c.userCandidates ?? []).map((p) => ctx.source.getUser(p.id)))).filter((u): u is User => !!u);
    const typed = c.userText ?? 'that name';
    const line = near.length ? `I am not sure whom "${typed}" means.` : 'Name the person, for example "is bob.kelly@contoso.com locked out".';
    return {
      shows: near.map((u) => u.id),
      render: async () => ({
        text: line,
        card: near.length ? pickUserCard(typed, near, 'diagnose', extra, `Whom do you mean by "${typed}"?`) : noticeCard('Who do you mean?', [line], 'Warning'),
      }),
    };
  }
  const r = await resolveUser(ctx.source, c.user, ctx.allUsers);
  if (r.kind === 'one') return { user: r.user };
  if (r.kind === 'many')
    return {
      shows: r.users.map((u) => u.id),
      render: async () => ({ text: `"${c.user}" matches ${r.users.length} people.`, card: pickUserCard(c.user!, r.users, 'diagnose', extra) }),
    };
  const near = r.suggestions.map((u) => `${u.displayName} (${u.userPrincipalName})`);
  const lines = [
    `Nobody called "${c.user}" is in the directory.`,
    near.length ? `Did you mean ${near.join(' or ')}?` : 'Try their email address or full name.',
  ];
  return {
    shows: r.suggestions.map((u) => u.id),
    render: async () => ({
      text: lines.join(' '),
      card: r.suggestions.length
        ? pickUserCard(c.user!, r.suggestions, 'diagnose', extra, `Nobody called "${c.user}" is in the directory. Did you mean:`)
        : noticeCard(`I could not find "${c.user}"`, lines, 'Warning'),
    }),
  };
}

async function stateAnswer(c: Command, ctx: AnswerContext, user: User, attempts: Attempt[], since: string): Promise<Answer> {
  const name = user.displayName ?? user.userPrincipalName;
  const tz = ctx.timeZone;
  const at = (iso: string) => formatInTimeZone(iso, tz);
  const lr = lockRun(
    attempts.flatMap((a) => a.events),
    ctx.now,
  );
  const base = { facts: [] as LockStateView['facts'], clears: '', attempts: { userId: user.id, since, until: ctx.now } };
  const when = c.timeText && !c.present ? c.timeText : `in the last ${LOOKBACK_DAYS} days`;
  if (!lr) {
    const view: LockStateView = {
      ...base,
      title: `${name} is not locked out`,
      color: 'Good',
      lines: [`No lockouts ${when}: no sign-in of theirs was refused with the lockout code (50053).`],
      caveat: 'The log shows a lockout only when someone tries to sign in while locked; a lock nobody has run into yet is not in it.',
    };
    return { text: `${name} is not locked out: no lockouts ${when}.`, card: lockStateCard(view) };
  }
  const { latest, run, success, checked, minutes, earliest } = lr;

  const attempt = attempts.find((a) => a.events.some((e) => e.id === latest.id))!;
  const d = await diagnoseFor(ctx, attempt);
  const kind = (d.findings.find((f) => f.kind === 'lockout-kind')?.data as { kind?: string } | undefined)?.kind;
  const facts = lockoutFacts(d, run, at);
  const caveat =
    'The sign-in log records sign-ins refused while locked, not the lock itself: Entra logs nothing when a lockout starts or lifts, and does not publish how long a repeated lockout lasts.';
  const view = (v: Omit<LockStateView, 'attempts' | 'diagnose' | 'caveat'>): LockStateView => ({
    ...base,
    ...v,
    caveat,
    diagnose: { correlationId: d.correlationId || undefined, userId: user.id },
  });
  // "By what": the facts name the kind and the sources; the verdict says whose wrong passwords they look like.
  const verdict = d.findings.find((f) => f.kind === 'password-verdict')?.text;
  const why = verdict ? [localizeTimes(verdict, tz)] : [];

  if (success) {
    const v = view({
      title: `${name} is not locked out`,
      color: 'Good',
      lines: [
        `The last lockout was at ${at(latest.createdDateTime)}; they signed in successfully at ${at(success.createdDateTime)}, so it had lifted.`,
        ...why,
      ],
      facts,
      clears: '',
    });
    return {
      text: `${name} is not locked out: the last lockout was at ${at(latest.createdDateTime)}, and they signed in at ${at(success.createdDateTime)}.`,
      card: lockStateCard(v),
    };
  }
  if (kind === 'malicious-ip') {
    const ip = latest.ipAddress ?? 'one IP address';
    const v = view({
      title: `${name} is not locked out: ${ip} is blocked`,
      color: 'Warning',
      lines: [
        `At ${at(latest.createdDateTime)} Entra refused a sign-in to their account from ${ip} as an IP address with malicious activity. The block is on that address, not on the account: they can sign in from their usual places.`,
        ...why,
      ],
      facts,
      clears:
        'Nothing to clear for them. Review the sign-ins from that IP across the tenant ("failures from that IP"), and make sure the accounts it tried have MFA.',
    });
    return {
      text: `${name} is not locked out: sign-ins from ${ip} are blocked as malicious (the latest at ${at(latest.createdDateTime)}).`,
      card: lockStateCard(v),
    };
  }
  if (checked) {
    const v = view({
      title: `${name} is not locked out now`,
      color: 'Good',
      lines: [
        `Locked at ${at(latest.createdDateTime)}; at ${at(checked.createdDateTime)} a sign-in had its password checked again (wrong password, not the lockout code), so the lock had lifted. More wrong passwords will lock the account again.`,
        ...why,
      ],
      facts,
      clears: '',
    });
    return {
      text: `${name} is not locked out now: the lock had lifted by ${at(checked.createdDateTime)}, when a wrong password was checked again.`,
      card: lockStateCard(v),
    };
  }
  const clears = `When it clears: smart lockout lifts by itself, after ${FIRST_LOCKOUT_SECONDS} seconds for a first lockout and longer after repeated ones (${run.length} in this run), at the earliest ${at(earliest)}. Then the right password works (or a new one set with self-service password reset); more wrong passwords lock it again, for longer.`;
  if (lr.mayBeInForce) {
    // The log shows refused sign-ins, not the lock: say what it shows, and that the lock may still hold.
    const v = view({
      title: `${name} may still be locked out`,
      color: 'Attention',
      lines: [
        `Locked out at ${at(latest.createdDateTime)} (${ago(minutes)}): ${run.length} sign-in${run.length === 1 ? '' : 's'} refused with the lockout code since ${at(run[0]!.createdDateTime)}, and no successful sign-in since, so the lock may still be in force.`,
        ...why,
      ],
      facts,
      clears,
    });
    return {
      text: `${name} was locked out at ${at(latest.createdDateTime)} and has not signed in since; the lock may still be in force (it lifts by itself, at the earliest at ${at(earliest)}).`,
      card: lockStateCard(v),
    };
  }
  const v = view({
    title: `${name} was locked out; it has most likely lifted`,
    color: 'Warning',
    lines: [
      `The last lockout was at ${at(latest.createdDateTime)} (${ago(minutes)}), and they have not signed in since, so the log cannot show it lifted. Smart lockout lifts by itself within minutes, so it almost certainly has.`,
      ...why,
    ],
    facts,
    clears: '',
  });
  return {
    text: `${name} was locked out at ${at(latest.createdDateTime)} and has not signed in since; the lock has most likely lifted.`,
    card: lockStateCard(v),
  };
}

/** The run's facts, and what the latest lockout's diagnosis found about its sources. */
function lockoutFacts(d: Diagnosis, run: SignIn[], at: (iso: string) => string): LockStateView['facts'] {
  const kind = (d.findings.find((f) => f.kind === 'lockout-kind')?.data as { kind?: string; priorFailures?: number } | undefined) ?? {};
  const sources = d.findings.find((f) => f.kind === 'lockout-sources')?.data as
    { byIp?: { value: string; count: number }[]; byApp?: { value: string; count: number }[]; total?: number } | undefined;
  const top = (l?: { value: string; count: number }[]) =>
    (l ?? [])
      .slice(0, 3)
      .map((s) => `${s.value} (${s.count})`)
      .join(', ');
  const by =
    kind.kind === 'smart-lockout'
      ? `smart lockout, after ${kind.priorFailures} wrong password${kind.priorFailures === 1 ? '' : 's'} in the hour before`
      : kind.kind === 'malicious-ip'
        ? 'a block on a malicious IP address'
        : 'a lockout with no wrong passwords of theirs just before';
  return [
    { title: 'Since', value: at(run[0]?.createdDateTime ?? d.time) },
    { title: 'Lockouts', value: `${run.length}, the latest at ${at(run[run.length - 1]?.createdDateTime ?? d.time)}` },
    { title: 'By', value: by },
    ...(top(sources?.byIp) ? [{ title: 'From', value: top(sources?.byIp) }] : []),
    ...(top(sources?.byApp) ? [{ title: 'Apps', value: top(sources?.byApp) }] : []),
  ];
}
