// npm run eval:parse: the parser on the held-out corpus (src/conversation/corpus/held-out/,
// English at its top, German, French, Spanish and Japanese in their folders), which training
// never reads. Prints intent, person and window accuracy per language, by intent, and every
// miss. The sample tenant's people and apps are the directory, as `--tenant` gives them.
// `npm run eval:parse -- de` shows one language's misses; without one, every language's;
// `--summary` prints only the accuracy by language (the bench's parse section).
import { readFileSync } from 'node:fs';
import { foldWord } from '../src/conversation/entities.ts';
import type { Command } from '../src/conversation/command.ts';
import type { CorpusLine } from '../src/conversation/intents/corpus.ts';
import { parseMessage, type DirectoryPerson, type ParseContext } from '../src/conversation/parse.ts';
import { parseTimeWindow } from '../src/conversation/time-window.ts';
import { LANGUAGES, type Language } from '../src/conversation/language.ts';
import { readCorpus } from './train-intents.ts';

const SAMPLE = new URL('../tenants/sample/', import.meta.url);
const list = <T>(file: string): T[] => {
  const body = JSON.parse(readFileSync(new URL(file, SAMPLE), 'utf8')) as T[] | { value: T[] };
  return Array.isArray(body) ? body : body.value;
};

/** An asker of each language: the locale Teams would send. */
export const LOCALES: Record<Language, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', ja: 'ja-JP' };

/** The sample tenant's clock, an asker in Redmond (speaking `lang`), its people and apps. */
export function sampleContext(withPeople = true, lang: Language = 'en'): ParseContext {
  const people = list<DirectoryPerson>('users.json');
  const appNames = list<{ displayName: string }>('servicePrincipals.json').map((s) => s.displayName);
  return {
    now: '2026-11-21T01:00:00Z',
    timeZone: 'America/Los_Angeles',
    appNames,
    ...(withPeople ? { people } : {}),
    ...(lang === 'en' ? {} : { locale: LOCALES[lang] }),
  };
}

const norm = (s: string | undefined) =>
  s === undefined
    ? undefined
    : foldWord(s)
        .replace(/['’]s$/, '')
        .replace(/\s+/g, ' ')
        .trim();

export interface Scored {
  line: CorpusLine;
  command: Command;
  intent: boolean;
  person: boolean;
  window: boolean;
}

/** One line: is the intent right, the person (as typed, or the asker), the time window? */
export function score(line: CorpusLine, ctx: ParseContext): Scored {
  const command = parseMessage(line.text, ctx);
  const expectedPerson = line.expect.self ? 'me' : norm(line.entities.find((e) => e.kind === 'person')?.text);
  const gotPerson = command.user === 'me' ? 'me' : norm(command.userText ?? command.user);
  const time = line.entities.find((e) => e.kind === 'time');
  const expectedWindow = time
    ? parseTimeWindow(time.text, { now: ctx.now, timeZone: ctx.timeZone ?? 'UTC', ...(ctx.locale ? { locale: ctx.locale } : {}) })
    : undefined;
  const window = expectedWindow ? command.since === expectedWindow.since && command.until === expectedWindow.until : command.since === undefined;
  return { line, command, intent: command.intent === line.intent, person: gotPerson === expectedPerson, window };
}

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}% (${n}/${of})`;

function report(title: string, scored: Scored[], misses = true): void {
  const n = scored.length;
  console.log(`\n${title}`);
  console.log(
    `  intent ${pct(scored.filter((s) => s.intent).length, n)}   person ${pct(scored.filter((s) => s.person).length, n)}   window ${pct(scored.filter((s) => s.window).length, n)}`,
  );
  const intents = [...new Set(scored.map((s) => s.line.intent))].sort();
  for (const i of intents) {
    const of = scored.filter((s) => s.line.intent === i);
    console.log(
      `  ${i.padEnd(15)} intent ${pct(of.filter((s) => s.intent).length, of.length).padEnd(14)} person ${pct(of.filter((s) => s.person).length, of.length).padEnd(14)} window ${pct(of.filter((s) => s.window).length, of.length)}`,
    );
  }
  for (const s of misses ? scored.filter((x) => !x.intent || !x.person || !x.window) : []) {
    const what = [
      !s.intent && `intent ${s.command.intent} (${s.command.confidence})`,
      !s.person && `person ${JSON.stringify(s.command.userText ?? s.command.user ?? null)}`,
      !s.window && `window ${s.command.timeText ?? 'none'}`,
    ].filter(Boolean);
    console.log(`  miss ${s.line.where} "${s.line.text.replace(/\n/g, '\\n')}": ${what.join(', ')}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const asked = process.argv.slice(2).filter((a) => (LANGUAGES as readonly string[]).includes(a)) as Language[];
  const summary: string[] = [];
  for (const lang of asked.length ? asked : LANGUAGES) {
    const heldOut = readCorpus('held-out', lang);
    const scored = heldOut.map((l) => score(l, sampleContext(true, lang)));
    if (!process.argv.includes('--summary')) report(`held-out corpus (${lang}), ${heldOut.length} messages, the sample tenant's directory`, scored);
    if (process.argv.includes('--without-directory'))
      report(
        `the same without a directory (names as typed)`,
        heldOut.map((l) => score(l, sampleContext(false, lang))),
      );
    const n = scored.length;
    summary.push(
      `  ${lang}  intent ${pct(scored.filter((s) => s.intent).length, n).padEnd(16)} person ${pct(scored.filter((s) => s.person).length, n).padEnd(16)} window ${pct(scored.filter((s) => s.window).length, n)}`,
    );
  }
  console.log(`\nheld-out accuracy by language\n${summary.join('\n')}`);
}
