import * as z from 'zod/mini';
import { diagnoseRequest, type DiagnosedListing } from '../query/diagnose-attempts.ts';
import { eachWindowAttempt, type WindowRun } from '../query/diagnose-window.ts';
import type { Diagnosis, PolicyReport } from '../diagnosis/types.ts';
import { WindowTally, windowAttemptLines, windowHead, windowTail } from './window-text.ts';
import { Spool, writerTo } from './spool.ts';
import { hoursBefore } from '../instants.ts';
import { DEFAULT_WINDOW_HOURS } from '../query/list-attempts.ts';
import { resolveUser } from '../query/resolve.ts';
import { diagnosisText } from '../cards/diagnosis-text.ts';
import { resolveLocale } from '../i18n/locales.ts';
import type { SignInSource } from '../signins/source.ts';
import { CommonSchema, IsoInstant, readArgs } from './args.ts';
import { UsageError } from './usage-error.ts';
import { openChosen, problemLines } from './tenant.ts';
import type { Output, StreamedOutput } from './output.ts';

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
export async function diagnose(argv: string[]): Promise<Output | StreamedOutput> {
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
    out: a.json ? JSON.stringify(listingJson(listing, source, problems), englishOnly, 2) : diagnosisText(listing, source.description, a.tz, locale).join('\n'),
    warnings: [...(unsupported ? [`I answer in English; ${unsupported} is not supported yet.`] : []), ...problemLines(problems)],
  };
}

type Args = ReturnType<typeof readArgs<typeof DiagnoseArgs>>['values'];

/** `--only failures`: the attempts that did not end in a sign-in. */
function onlyFailures(l: DiagnosedListing): DiagnosedListing {
  const keep = l.diagnoses.map((d) => d.scenario !== 'success');
  return { ...l, attempts: l.attempts.filter((_, i) => keep[i]), diagnoses: l.diagnoses.filter((_, i) => keep[i]) };
}

/**
 * Only a window: every attempt in it, for everyone, with the incidents they make up (cli.md).
 * Each attempt is printed (as text, or as its JSON) as soon as it is diagnosed, into a spool
 * that puts them newest first; the summary and the incidents, printed before them, are counted
 * on the way. So a week of a large tenant is written in pieces, never held whole.
 */
async function diagnoseEveryone(a: Args): Promise<StreamedOutput> {
  const { source } = await openChosen(a);
  const now = a.now ?? source.asOf() ?? new Date().toISOString();
  const until = a.until ?? now;
  const since = a.since ?? hoursBefore(until, DEFAULT_WINDOW_HOURS);
  if (Date.parse(since) > Date.parse(until)) throw new UsageError(`--since ${since} is after --until ${until}`);
  const { locale, unsupported } = resolveLocale(a.locale);
  const tally = new WindowTally();
  const spool = new Spool();
  try {
    // The only attempt is printed in full (as `diagnose --user` does): kept until a second one comes.
    let only: Diagnosis | undefined;
    const run = await eachWindowAttempt(source, { since, until, now, only: a.only }, ({ diagnosis: d, t }) => {
      tally.add(d);
      only = tally.attempts === 1 ? d : undefined;
      spool.add(
        t,
        d.decisiveEventId,
        a.json ? indent(JSON.stringify(attemptJson(d), englishOnly, 2)) : `\n${windowAttemptLines(d, a.tz, false, locale).join('\n')}`,
      );
    });
    const problems = dedupe([...source.loadProblems(), ...run.problems]);
    return {
      warnings: [...(unsupported ? [`I answer in English; ${unsupported} is not supported yet.`] : []), ...problemLines(problems)],
      write: async (stdout) => {
        const write = writerTo(stdout);
        try {
          if (a.json) await writeJson(write, { source, run, problems, tally, spool });
          else {
            await write(windowHead(tally, run, source.description, a.tz, locale).join('\n'));
            if (only) await write(`\n${windowAttemptLines(only, a.tz, true, locale).join('\n')}`);
            else await spool.replay(write);
            const tail = windowTail(run, run.problems);
            await write(`${tail.map((l) => `\n${l}`).join('')}\n`);
          }
        } finally {
          spool.close();
        }
      },
    };
  } catch (e) {
    spool.close();
    throw e;
  }
}

/**
 * The document `JSON.stringify(document, null, 2)` would write (the layout `diagnose --user --json`
 * has), in pieces: each attempt was stringified on its own and indented to its place in the list.
 */
async function writeJson(
  write: (chunk: string | Buffer) => Promise<void>,
  o: { source: SignInSource; run: WindowRun; problems: DiagnosedListing['problems']; tally: WindowTally; spool: Spool },
): Promise<void> {
  const head = JSON.stringify({ source: o.source.description, window: o.run.window }, null, 2);
  await write(`${head.slice(0, -2)},\n  "attempts": [`);
  if (o.spool.size) {
    await write('\n');
    await o.spool.replay((chunk) => write(chunk), Buffer.from(',\n'));
    await write('\n  ]');
  } else await write(']');
  const rest = JSON.stringify({ truncated: o.run.truncated, problems: o.problems, summary: o.tally.json(), incidents: o.run.incidents }, englishOnly, 2);
  await write(`,\n${rest.slice(2)}\n`);
}

/**
 * The JSON says each part in its English words (cli.md's layout): the messages beside them
 * (`msg`, `assessmentMsg`, a link's `titleMsg`…) are for rendering another language, not output.
 */
const englishOnly = (key: string, value: unknown) => (key === 'msg' || key.endsWith('Msg') ? undefined : value);

/** A value stringified with two spaces, placed as an element of a list that is itself a member of the document. */
const indent = (json: string) => `    ${json.replace(/\n/g, '\n    ')}`;

function dedupe(problems: DiagnosedListing['problems']): DiagnosedListing['problems'] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.where}\n${p.message}`) && !!seen.add(`${p.where}\n${p.message}`));
}

function listingJson(l: DiagnosedListing, source: SignInSource, problems: DiagnosedListing['problems']) {
  return {
    source: source.description,
    window: l.window,
    user: l.user ?? undefined,
    attempts: l.diagnoses.map(attemptJson),
    truncated: l.truncated,
    problems,
  };
}

/**
 * The JSON leaves out the parts' messages (`msg`, `summaryMsg`, …): they are how a card renders the
 * same words in another language, the `text` beside each is the English, and a window of a
 * million attempts would print every sentence twice.
 */

/** One attempt as `--json` prints it (cli.md). */
/**
 * A policy report as the JSON has always written it: its English words, without the messages
 * a card renders in the reader's language (data for the edge, not part of the document).
 */
function policyJson(p: PolicyReport) {
  const { summaryMsg: _s, failedControlMsg: _f, ...rest } = p;
  // Overriding keeps the key where it was: the document's layout is unchanged.
  return { ...rest, conditions: p.conditions.map(({ reasonMsg: _r, ...c }) => c) };
}

function attemptJson(d: Diagnosis) {
  return {
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
    policies: d.policies.map(policyJson),
    findings: d.findings,
    actions: d.actions,
    support: d.support,
    gaps: d.gaps,
  };
}
