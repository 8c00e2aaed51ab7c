import * as z from 'zod/mini';
import { diagnoseRequest, type DiagnosedListing } from '../query/diagnose-attempts.ts';
import { diagnoseWindow, type WindowListing } from '../query/diagnose-window.ts';
import { windowText } from './window-text.ts';
import { hoursBefore } from '../instants.ts';
import { DEFAULT_WINDOW_HOURS } from '../query/list-attempts.ts';
import { resolveUser } from '../query/resolve.ts';
import { diagnosisText } from '../cards/diagnosis-text.ts';
import { resolveLocale } from '../i18n/locales.ts';
import type { SignInSource } from '../signins/source.ts';
import { CommonSchema, IsoInstant, readArgs } from './args.ts';
import { UsageError } from './usage-error.ts';
import { openChosen, problemLines } from './tenant.ts';
import type { Output } from './output.ts';

const text = z.string().check(z.minLength(1, 'must not be empty'));
const DiagnoseArgs = z.extend(CommonSchema, {
  user: z.optional(text),
  app: z.optional(text),
  'correlation-id': z.optional(text),
  'request-id': z.optional(text),
  since: z.optional(IsoInstant),
  until: z.optional(IsoInstant),
  only: z.optional(z.enum(['failures'], 'must be "failures"')),
});

const OPTIONS = {
  user: { type: 'string' },
  app: { type: 'string' },
  'correlation-id': { type: 'string' },
  'request-id': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  only: { type: 'string' },
} as const;

const person = (u: { displayName?: string | null; userPrincipalName?: string | null }) => `${u.displayName ?? '?'} <${u.userPrincipalName ?? '?'}>`;

/** diagnose: every matching attempt, newest first. */
export async function diagnose(argv: string[]): Promise<Output> {
  const { values: a, positionals } = readArgs(argv, DiagnoseArgs, OPTIONS);
  if (positionals.length) throw new UsageError(`diagnose takes options only; did you mean --user "${positionals.join(' ')}"?`);
  if (!a.user && !a.app && !a['correlation-id'] && !a['request-id']) {
    if (!a.since && !a.until)
      throw new UsageError('diagnose needs at least one of --user, --app, --correlation-id or --request-id, or a window (--since, --until)');
    return diagnoseEveryone(a);
  }
  const { source, allUsers } = await openChosen(a);
  let user = a.user;
  let unknownUser: { suggestions: string[] } | undefined;
  if (a.user) {
    const found = await resolveUser(source, a.user, allUsers);
    if (found.kind === 'many')
      throw new UsageError(`--user "${a.user}" matches ${found.users.length} people: ${found.users.map(person).join(', ')}; give the UPN`);
    if (found.kind === 'one') user = found.user.id;
    // Not in the directory: the log may still hold it (a mistyped or deleted account tried to sign in).
    else unknownUser = { suggestions: found.suggestions.map(person) };
  }
  const all = await diagnoseRequest(source, {
    user,
    app: a.app,
    correlationId: a['correlation-id'],
    requestId: a['request-id'],
    since: a.since,
    until: a.until,
    now: a.now ?? source.asOf() ?? new Date().toISOString(),
  });
  const listing = a.only === 'failures' ? onlyFailures(all) : all;
  if (unknownUser && !all.diagnoses.length) {
    const near = unknownUser.suggestions.length ? `; nearest names: ${unknownUser.suggestions.join(', ')}` : '; no name is close to it';
    throw new UsageError(`--user "${a.user}" is no one in ${source.description} and has no sign-ins there${near}`);
  }
  // Records skipped when the folder was read, and any the query met: each reported once.
  const problems = dedupe([...source.loadProblems(), ...listing.problems]);
  const { locale, unsupported } = resolveLocale(a.locale);
  return {
    out: a.json ? JSON.stringify(listingJson(listing, source, problems), null, 2) : diagnosisText(listing, source.description, a.tz, locale).join('\n'),
    warnings: [...(unsupported ? [`I answer in English; ${unsupported} is not supported yet.`] : []), ...problemLines(problems)],
  };
}

type Args = ReturnType<typeof readArgs<typeof DiagnoseArgs>>['values'];

/** `--only failures`: the attempts that did not end in a sign-in. */
function onlyFailures(l: DiagnosedListing): DiagnosedListing {
  const keep = l.diagnoses.map((d) => d.scenario !== 'success');
  return { ...l, attempts: l.attempts.filter((_, i) => keep[i]), diagnoses: l.diagnoses.filter((_, i) => keep[i]) };
}

/** Only a window: every attempt in it, for everyone, with the incidents they make up (cli.md). */
async function diagnoseEveryone(a: Args): Promise<Output> {
  const { source } = await openChosen(a);
  const now = a.now ?? source.asOf() ?? new Date().toISOString();
  const until = a.until ?? now;
  const since = a.since ?? hoursBefore(until, DEFAULT_WINDOW_HOURS);
  if (Date.parse(since) > Date.parse(until)) throw new UsageError(`--since ${since} is after --until ${until}`);
  const listing = await diagnoseWindow(source, { since, until, now, only: a.only });
  const problems = dedupe([...source.loadProblems(), ...listing.problems]);
  return {
    out: a.json
      ? JSON.stringify({ ...listingJson(listing, source, problems), summary: summaryJson(listing), incidents: listing.incidents }, null, 2)
      : windowText(listing, source.description, a.tz).join('\n'),
    warnings: problemLines(problems),
  };
}

function dedupe(problems: DiagnosedListing['problems']): DiagnosedListing['problems'] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.where}\n${p.message}`) && !!seen.add(`${p.where}\n${p.message}`));
}

/** The counts the text's table shows: attempts and people by scenario and error code. */
function summaryJson(l: WindowListing) {
  const rows = new Map<string, { scenario: string; errorCode: number; attempts: number; people: Set<string> }>();
  for (const d of l.diagnoses) {
    const key = `${d.scenario}\n${d.errorCode}`;
    const r = rows.get(key) ?? { scenario: d.scenario, errorCode: d.errorCode, attempts: 0, people: new Set<string>() };
    r.attempts++;
    r.people.add(d.user.id);
    rows.set(key, r);
  }
  return {
    attempts: l.diagnoses.length,
    failed: l.diagnoses.filter((d) => d.scenario !== 'success').length,
    people: new Set(l.diagnoses.map((d) => d.user.id)).size,
    byCause: [...rows.values()]
      .sort((a, b) => b.attempts - a.attempts || a.scenario.localeCompare(b.scenario) || a.errorCode - b.errorCode)
      .map((r) => ({ scenario: r.scenario, errorCode: r.errorCode, attempts: r.attempts, people: r.people.size })),
  };
}

function listingJson(l: DiagnosedListing, source: SignInSource, problems: DiagnosedListing['problems']) {
  return {
    source: source.description,
    window: l.window,
    user: l.user ?? undefined,
    attempts: l.diagnoses.map((d) => ({
      correlationId: d.correlationId,
      eventIds: d.eventIds,
      user: d.user,
      app: d.app,
      time: d.time,
      errorCode: d.errorCode,
      scenario: d.scenario,
      title: d.title,
      assessment: d.assessment,
      evidence: d.evidence,
      policies: d.policies,
      findings: d.findings,
      actions: d.actions,
      support: d.support,
      gaps: d.gaps,
    })),
    truncated: l.truncated,
    problems,
  };
}
