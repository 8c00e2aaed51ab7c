import { UsageError } from './cli/usage-error.ts';
import type { Output, StreamedOutput } from './cli/output.ts';
import { SOURCE_IDS } from './signins/registry.ts';

/**
 * `signin-diag`: the bot's engine without Teams (docs/cli.md). Exit 0 when it answered,
 * 2 for bad arguments or unreadable input, with a one-line reason on stderr. Each
 * subcommand is loaded only when asked for, so `explain` does not pay for the parser
 * or the tenant reader.
 */
const USAGE = `usage: signin-diag <command> [options]

commands:
  diagnose [--user U] [--app A] [--correlation-id C] [--request-id R] [--since T] [--until T] [--only failures]
           diagnoses every matching sign-in attempt, newest first; with only a window,
           everyone's attempts in it, a table by cause and the incidents first
  report [--since T] [--until T] --out FILE
           the window (default: the week before --until) as one self-contained HTML
           page with charts: failures over time by cause, top causes, people and apps,
           incidents, MFA and legacy-auth use, report-only policies that would have
           blocked; --json prints its numbers
  explain CODE
           what an AADSTS error code means and what to do
  parse "TEXT"
           the command the bot reads from a chat message
  ask "TEXT"
           the bot's whole answer to a chat message (--json includes the card)
           parse and ask take --locale TAG: the asker's language, as Teams sends it
           (de-DE, fr-FR, es-ES, ja-JP; any other, or none, is read as English)

common options (every command):
  --source KIND  where sign-ins come from: ${SOURCE_IDS.join(', ')} (default: folder with
                 --tenant, else SIGNIN_SOURCE, else folder); settings from the bot's environment
  --tenant DIR   a tenant folder (default: the bundled sample tenant)
  --rebuild-store
                 ingest the folder into its sign-in store again, from nothing (the store:
                 DIR/.signin-diag/, or STORE_PATH)
  --now ISO      the clock (default: the folder's snapshot time, else the real clock)
  --tz IANA      the time zone for times shown (default UTC)
  --locale TAG   the language of the text: de-DE, fr-FR, es-ES, ja-JP (default English)
  --json         one JSON document instead of text
`;

type Command = (argv: string[]) => Promise<Output | StreamedOutput | string>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  diagnose: async () => (await import('./cli/diagnose.ts')).diagnose,
  report: async () => (await import('./cli/report.ts')).report,
  explain: async () => (await import('./cli/explain.ts')).explain,
  parse: async () => (await import('./cli/parse.ts')).parse,
  ask: async () => (await import('./cli/ask.ts')).ask,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  try {
    if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
    const run = await COMMANDS[command]!();
    const result = await run(rest);
    const answer = typeof result === 'string' ? { out: result } : result;
    for (const w of answer.warnings ?? []) process.stderr.write(`signin-diag: ${w}\n`);
    if ('write' in answer) await answer.write(process.stdout);
    else process.stdout.write(answer.out + '\n');
    return 0;
  } catch (e) {
    const message =
      e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (e as Error).message : `cannot answer: ${(e as Error).message}`;
    process.stderr.write(`signin-diag: ${message}\n`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli.ts')) {
  // exitCode, not exit(): a piped stdout is written asynchronously and exit() would cut it.
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
