import type { Command, PersonCandidate } from '../conversation/command.ts';
import { appNamesOf } from '../app-words.ts';
import { parseMessage } from '../conversation/parse.ts';
import { readCommon } from './common-args.ts';
import { UsageError } from './usage-error.ts';
import { chosenNames, problemLines } from './tenant.ts';
import type { Output } from './output.ts';

/**
 * --locale (BCP-47, as Teams sends it: de-DE, fr-FR, es-ES, ja-JP) taken out of the arguments
 * before the common ones are read: the language the message is read in (English when absent
 * or not one the parser knows).
 */
export function takeLocale(argv: string[]): { locale?: string; rest: string[] } {
  const rest: string[] = [];
  let locale: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--locale') {
      locale = argv[++i];
      if (!locale || !/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(locale))
        throw new UsageError('--locale must be a language tag such as de-DE, fr-FR, es-ES or ja-JP');
    } else if (a.startsWith('--locale=')) return takeLocale([...argv.slice(0, i), '--locale', a.slice('--locale='.length), ...argv.slice(i + 1)]);
    else rest.push(a);
  }
  return { ...(locale ? { locale } : {}), rest };
}

/**
 * parse "TEXT": the command the bot would read from a message, with the tenant's apps and
 * people. --json: the command, then each entity as typed beside what it resolved to, and the
 * time window.
 */
export async function parse(argv: string[]): Promise<Output> {
  const { locale, rest } = takeLocale(argv);
  const { values: a, positionals } = readCommon(rest);
  if (positionals.length !== 1) throw new UsageError('parse takes one message in quotes, e.g. parse "why did bob fail yesterday"');
  const names = await chosenNames(a);
  const command = parseMessage(positionals[0]!, {
    now: a.now ?? names.asOf ?? new Date().toISOString(),
    timeZone: a.tz,
    appNames: names.apps,
    people: names.people,
    ...(locale ? { locale } : {}),
  });
  const warnings = problemLines(names.problems, names.problemCount);
  if (a.json)
    return {
      out: JSON.stringify(
        { ...command, entities: entities(command), window: command.since ? { text: command.timeText, since: command.since, until: command.until } : null },
        null,
        2,
      ),
      warnings,
    };
  return { out: lines(command).join('\n'), warnings };
}

type Entity = { kind: string; typed: string; resolved?: string | PersonCandidate; candidates?: PersonCandidate[]; names?: string[] };

/** What was found, as typed, and what it is in the tenant. */
function entities(c: Command): Entity[] {
  const out: Entity[] = [];
  if (c.user || c.userText) {
    const typed = c.userText ?? c.user!;
    if (c.user === 'me') out.push({ kind: 'person', typed, resolved: 'the asker' });
    else if (c.userId)
      out.push({
        kind: 'person',
        typed,
        resolved: { id: c.userId, ...(c.userDisplayName ? { displayName: c.userDisplayName } : {}), ...(c.user ? { userPrincipalName: c.user } : {}) },
      });
    else out.push({ kind: 'person', typed, ...(c.userCandidates ? { candidates: c.userCandidates } : {}) });
  }
  // `resolved` the main name; `names` every app or resource name the words cover (sign-ins are looked up by any of them).
  if (c.app) out.push({ kind: 'app', typed: c.appText ?? c.app, resolved: c.app, names: appNamesOf(c) });
  if (c.correlationId) out.push({ kind: 'correlationId', typed: c.correlationId });
  if (c.requestId) out.push({ kind: 'requestId', typed: c.requestId });
  if (c.errorCode !== undefined) out.push({ kind: 'errorCode', typed: String(c.errorCode) });
  if (c.ip) out.push({ kind: 'ip', typed: c.ip });
  if (c.policyText) out.push({ kind: 'policy', typed: c.policyText });
  return out;
}

/** One line a field; people and apps as "typed → resolved" (an app: every name it covers). */
function lines(c: Command): string[] {
  const out: string[] = [`intent: ${c.intent}${c.confidence !== undefined ? ` (confidence ${c.confidence})` : ''}`];
  for (const e of entities(c)) {
    const r = e.resolved;
    const resolved = e.names ? e.names.join(', ') : typeof r === 'string' ? r : r ? `${r.displayName ?? r.id} <${r.userPrincipalName ?? r.id}>` : undefined;
    const near = e.candidates
      ? e.candidates.length
        ? `did you mean ${e.candidates.map((p) => p.displayName ?? p.id).join(' or ')}?`
        : 'nobody in the directory'
      : undefined;
    out.push(`${e.kind}: ${e.typed}${resolved && resolved !== e.typed ? ` → ${resolved}` : ''}${near ? ` (${near})` : ''}`);
  }
  if (c.since) out.push(`window: ${c.timeText ? `"${c.timeText}" ` : ''}${c.since} – ${c.until}`);
  for (const k of ['condition', 'minUsers', 'groupName', 'blockedOnly', 'policyFilter', 'unclear'] as const) if (c[k] !== undefined) out.push(`${k}: ${c[k]}`);
  if (c.suggestions?.length) out.push(`suggestions: ${c.suggestions.join('; ')}`);
  if (c.understood.length) out.push(`understood: ${c.understood.join('; ')}`);
  return out;
}
