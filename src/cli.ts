import { parseArgs } from 'node:util';
import { z } from 'zod';
import { attemptListText } from './cards/attempt-list-text.ts';
import { openSource } from './sources.ts';
import { listAttempts, type AttemptListing } from './query/list-attempts.ts';
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
           the sign-in attempts that match, newest first

common options:
  --tenant DIR   a tenant folder (default: the bundled sample tenant)
  --now ISO      the clock (default: the folder's snapshot time, else the real clock)
  --tz IANA      the time zone for times shown (default UTC)
  --json         one JSON document instead of text
`;

function parse<T extends z.ZodTypeAny>(schema: T, raw: Record<string, unknown>): z.infer<T> {
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
  const a = parse(DiagnoseArgs, values);
  if (!a.user && !a.app && !a['correlation-id'] && !a['request-id']) {
    throw new UsageError('diagnose needs at least one of --user, --app, --correlation-id or --request-id');
  }
  const source = openSource(a.tenant);
  const listing = await listAttempts(source, {
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
  return a.json ? JSON.stringify(listingJson(listing, source), null, 2) : attemptListText(listing, source.description, a.tz).join('\n');
}

function listingJson(l: AttemptListing, source: SignInSource) {
  return {
    source: source.description,
    window: l.window,
    user: l.user ?? undefined,
    attempts: l.attempts.map((x) => ({
      correlationId: x.correlationId,
      eventIds: x.events.map((e) => e.id),
      user: { id: x.decisive.userId, displayName: x.decisive.userDisplayName ?? null, userPrincipalName: x.decisive.userPrincipalName ?? null },
      app: { id: x.decisive.appId ?? null, displayName: x.decisive.appDisplayName ?? null, resource: x.decisive.resourceDisplayName ?? null },
      time: x.decisive.createdDateTime,
      status: { errorCode: x.decisive.status.errorCode, failureReason: x.decisive.status.failureReason ?? null },
    })),
    truncated: l.truncated,
    problems: l.problems,
  };
}

const COMMANDS: Record<string, (argv: string[]) => Promise<string>> = { diagnose };

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
