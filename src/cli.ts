import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openSource } from './sources.ts';
import { diagnoseRequest, type DiagnosedListing } from './query/diagnose-attempts.ts';
import { catalogSize, lookupCode } from './diagnosis/catalog.ts';
import { parseMessage } from './conversation/parse.ts';
import { answerMessage } from './answer/answer.ts';
import { diagnosisText } from './cards/diagnosis-text.ts';
import type { SignInSource } from './signins/source.ts';

/**
 * `signin-diag`: the bot's engine without Teams (spec/cli.md). Exit 0 when it answered,
 * 2 for bad arguments or unreadable input, with a one-line reason on stderr.
 */

class UsageError extends Error {}

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time, e.g. 2026-11-20T09:00:00Z');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin');

const Common = z.object({
  tenant: z.string().optional(),
  now: isoInstant.optional(),
  tz: timeZone.default('UTC'),
  json: z.boolean().default(false),
});

const DiagnoseArgs = Common.extend({
  user: z.string().min(1).optional(),
  app: z.string().min(1).optional(),
  'correlation-id': z.string().min(1).optional(),
  'request-id': z.string().min(1).optional(),
  since: isoInstant.optional(),
  until: isoInstant.optional(),
});

const USAGE = `usage: signin-diag <command> [options]

commands:
  diagnose [--user U] [--app A] [--correlation-id C] [--request-id R] [--since T] [--until T]
           diagnoses every matching sign-in attempt, newest first
  explain CODE
           what an AADSTS error code means and what to do
  parse "TEXT"
           the command the bot reads from a chat message
  ask "TEXT"
           the bot's whole answer to a chat message (--json includes the card)

common options:
  --tenant DIR   a tenant folder (default: the bundled sample tenant)
  --now ISO      the clock (default: the folder's snapshot time, else the real clock)
  --tz IANA      the time zone for times shown (default UTC)
  --json         one JSON document instead of text
`;

function parse_<T extends z.ZodTypeAny>(schema: T, raw: Record<string, unknown>): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new UsageError(`--${i.path.join('.')} ${i.message}`);
  }
  return r.data;
}

async function diagnose(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenant: { type: 'string' },
      now: { type: 'string' },
      tz: { type: 'string' },
      json: { type: 'boolean' },
      user: { type: 'string' },
      app: { type: 'string' },
      'correlation-id': { type: 'string' },
      'request-id': { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
    },
    strict: true,
  });
  const a = parse_(DiagnoseArgs, values);
  if (!a.user && !a.app && !a['correlation-id'] && !a['request-id']) {
    throw new UsageError('diagnose needs at least one of --user, --app, --correlation-id or --request-id');
  }
  const source = openSource(a.tenant);
  const listing = await diagnoseRequest(source, {
    user: a.user,
    app: a.app,
    correlationId: a['correlation-id'],
    requestId: a['request-id'],
    since: a.since,
    until: a.until,
    now: a.now ?? source.asOf() ?? new Date().toISOString(),
  });
  if (listing.ambiguousUser) {
    throw new UsageError(
      `--user "${a.user}" matches ${listing.ambiguousUser.length} people: ${listing.ambiguousUser.map((u) => `${u.displayName} <${u.userPrincipalName}>`).join(', ')}; give the UPN`,
    );
  }
  return a.json ? JSON.stringify(listingJson(listing, source), null, 2) : diagnosisText(listing, source.description, a.tz).join('\n');
}

function listingJson(l: DiagnosedListing, source: SignInSource) {
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
    problems: l.problems,
  };
}

async function explain(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const raw = positionals[0];
  if (!raw || positionals.length > 1) throw new UsageError('explain takes one error code, e.g. explain 53003 or explain AADSTS50126');
  if (!/^(aadsts)?\d{1,9}$/i.test(raw.trim())) throw new UsageError(`"${raw}" is not an error code; give digits, optionally with the AADSTS prefix`);
  const code = Number(raw.trim().replace(/^aadsts/i, ''));
  const i = lookupCode(code);
  if (values.json) {
    return JSON.stringify(
      i
        ? { code, known: true, name: i.name, category: i.category, fixer: i.fixer, meaning: i.meaning, actions: [i.remedy] }
        : { code, known: false, name: null, category: null, fixer: null, meaning: `AADSTS${code} is not in our catalog.`, actions: [`Look it up at https://login.microsoftonline.com/error?code=${code} and read the failure reason on the sign-in event.`] },
      null,
      2,
    );
  }
  if (!i) return `AADSTS${code}: not in our catalog of ${catalogSize()} codes. Look it up at https://login.microsoftonline.com/error?code=${code} and read the failure reason on the sign-in event.`;
  return [`AADSTS${code}${i.name ? ` ${i.name}` : ''} (${i.category}; fixed by: ${i.fixer})`, `What it means: ${i.meaning}`, `What to do: ${i.remedy}`].join('\n');
}

/** parse "TEXT": the command the bot would read from a message. */
async function parse(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args: argv, options: { tenant: { type: 'string' }, now: { type: 'string' }, tz: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const a = parse_(Common, values);
  if (positionals.length !== 1) throw new UsageError('parse takes one message in quotes, e.g. parse "why did bob fail yesterday"');
  const source = openSource(a.tenant);
  const appNames = source.appNames();
  const command = parseMessage(positionals[0]!, { now: a.now ?? source.asOf() ?? new Date().toISOString(), timeZone: a.tz, appNames });
  if (a.json) return JSON.stringify(command, null, 2);
  return Object.entries(command).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length)).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('; ') : v}`).join('\n');
}

/** ask "TEXT": the bot's whole turn, card included. */
async function ask(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args: argv, options: { tenant: { type: 'string' }, now: { type: 'string' }, tz: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const a = parse_(Common, values);
  if (positionals.length !== 1) throw new UsageError('ask takes one message in quotes, e.g. ask "why did bob fail to sign in"');
  const source = openSource(a.tenant);
  const appNames = source.appNames();
  const reply = await answerMessage(positionals[0]!, { source, now: a.now ?? source.asOf() ?? new Date().toISOString(), timeZone: a.tz, appNames, allUsers: source.allUsers() });
  return a.json ? JSON.stringify({ command: reply.command, answer: reply.text, card: reply.card }, null, 2) : reply.text;
}

const COMMANDS: Record<string, (argv: string[]) => Promise<string>> = { diagnose, explain, parse, ask };

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    process.stdout.write((await run(rest)) + '\n');
    return 0;
  } catch (e) {
    const message = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (e as Error).message : `cannot answer: ${(e as Error).message}`;
    process.stderr.write(`signin-diag: ${message}\n`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
