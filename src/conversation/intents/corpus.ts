import type { Intent } from '../command.ts';
import { cleanMessage, stripMail, unpaste } from '../clean.ts';
import { maskRegexEntities } from '../entities.ts';

/**
 * The utterance corpus (src/conversation/corpus/): one file per intent, one message a line,
 * with the entities marked where they are, so training can put a placeholder in their place
 * and the evaluation can check what the parser found:
 *
 *     why did {person:bob} fail to sign in to {app:salesforce} {time:yesterday}
 *     what does {code:AADSTS53003} mean
 *     is {person:megan} locked out ## self=no
 *
 * Kinds: person, app, time, code, id (a correlation or request id), ip. After ` ## ` come
 * expectations as key=value (blockedOnly, policyFilter=report-only, policy="block legacy
 * authentication", self: a bare key is true). `\n` is a line break (pasted mails); lines
 * starting with # are comments.
 */
export const ENTITY_KINDS = ['person', 'app', 'time', 'code', 'id', 'ip'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface CorpusEntity {
  kind: EntityKind;
  text: string;
  /** Where it is in the line's text. */
  start: number;
}

export interface CorpusLine {
  intent: Intent;
  /** The message as it would arrive. */
  text: string;
  entities: CorpusEntity[];
  expect: Record<string, string>;
  /** file:line, for messages about the corpus itself. */
  where: string;
}

/** What a marked entity becomes in the classifier's input: its kind, not its words. */
export const PLACEHOLDER: Record<EntityKind, string> = { person: 'xxperson', app: 'xxapp', time: 'xxtime', code: 'xxcode', id: 'xxid', ip: 'xxip' };
export const PLACEHOLDERS: ReadonlySet<string> = new Set(Object.values(PLACEHOLDER));

const MARK = /\{(person|app|time|code|id|ip):([^{}]*)\}/g;

/** One corpus file's lines; a malformed line is an error naming it. */
export function readCorpusFile(intent: Intent, body: string, file: string): CorpusLine[] {
  const out: CorpusLine[] = [];
  body.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const where = `${file}:${i + 1}`;
    const [marked = '', attrs = ''] = line.split(' ## ');
    const entities: CorpusEntity[] = [];
    let text = '';
    let from = 0;
    const source = marked.replace(/\\n/g, '\n');
    for (const m of source.matchAll(MARK)) {
      text += source.slice(from, m.index);
      entities.push({ kind: m[1] as EntityKind, text: m[2]!, start: text.length });
      text += m[2];
      from = m.index + m[0].length;
    }
    text += source.slice(from);
    if (/\{[a-z]+:[^{}]*\}/.test(text)) throw new Error(`${where}: a mark the corpus does not know in "${marked}"`);
    const expect: Record<string, string> = {};
    for (const kv of attrs.matchAll(/(\w+)(?:=(?:"([^"]*)"|(\S+)))?/g)) expect[kv[1]!] = kv[2] ?? kv[3] ?? 'true';
    out.push({ intent, text, entities, expect, where });
  });
  return out;
}

/**
 * The classifier's input for a corpus line: its marked entities as placeholders, then
 * cleaned as the parser cleans a message (markup, a mail's greeting and signature), with
 * every id, address, IP and code the parser's patterns find in placeholders too. The parser
 * builds the same from what it finds at run time.
 */
export function trainingText(line: CorpusLine): string {
  let out = '';
  let from = 0;
  for (const e of line.entities) {
    out += line.text.slice(from, e.start) + ` ${PLACEHOLDER[e.kind]} `;
    from = e.start + e.text.length;
  }
  out += line.text.slice(from);
  return classifierText(stripMail(unpaste(cleanMessage(out)).text));
}

/** Regex entities to placeholders, lower case, one space between words: what both training and the parser classify. */
export function classifierText(text: string): string {
  return maskRegexEntities(text).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Words of the corpus outside its marked entities: words that say what is asked, never a name. */
export function corpusVocabulary(lines: readonly CorpusLine[], fold: (w: string) => string): string[] {
  const words = new Set<string>();
  for (const l of lines) {
    for (const w of trainingText(l).split(/[^\p{L}\p{N}'’-]+/u)) {
      const f = fold(w.replace(/^['’-]+|['’-]+$/g, '').replace(/['’]s$/, ''));
      if (f && !PLACEHOLDERS.has(f) && /\p{L}/u.test(f)) words.add(f);
    }
  }
  return [...words].sort();
}
