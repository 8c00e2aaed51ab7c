import type { Language } from '../language.ts';
import { HOUR } from './local-clock.ts';
import { matches, type Bound, type Clock, type Piece } from './pieces.ts';
import { RIGHT_NOW } from './relative-ranges.ts';
import { WORDS, type TimeWords } from './foreign-words.ts';

/**
 * Time phrases in German, French, Spanish and Japanese → the same pieces the English
 * recognizers find, so resolve.ts reads them by the same conventions ("heute" is local
 * midnight to now, "letzte Woche" Monday to Monday, "seit 9 Uhr" from 09:00, a clock time
 * half an hour either side). The words are in foreign-words.ts, one table a language.
 */

/** A word's edges: letters and digits on either side make it part of another word. Japanese has no spaces, so no edges. */
const edges = (lang: Language) => (lang === 'ja' ? { open: '', close: '' } : { open: String.raw`(?<![\p{L}\p{N}])`, close: String.raw`(?![\p{L}\p{N}])` });

const alt = (words: readonly string[]) => words.join('|');

function unitMs(w: TimeWords, unit: string): number {
  const u = unit.toLowerCase();
  for (const [re, ms] of w.units) if (new RegExp(`^(?:${re})$`, 'iu').test(u)) return ms;
  return HOUR;
}

function numberOf(w: TimeWords, word: string | undefined): number {
  if (word === undefined || word === '') return 1;
  if (/^\d+$/.test(word)) return Number(word);
  return w.numbers[word.toLowerCase()] ?? 1;
}

/** A clock as typed: 24-hour when it says so (0-padded, past 12, "21 Uhr"), else the working day decides (clock-times.ts). */
function clockOf(h: string, min: string | undefined, meridiem: 'am' | 'pm' | undefined): Clock | undefined {
  const hour = Number(h);
  if (meridiem ? hour < 1 || hour > 12 : hour > 24) return undefined;
  if (meridiem) return { h: hour, min: Number(min ?? 0), meridiem };
  return { h: hour, min: Number(min ?? 0), ...(/^0\d/.test(h) || hour > 12 || hour === 0 ? { padded: true } : {}) };
}

export function findForeign(text: string, lang: Language): Piece[] {
  if (lang === 'en') return [];
  const w = WORDS[lang];
  const { open, close } = edges(lang);
  const before = w.boundsBefore.length ? String.raw`(?:(${alt(w.boundsBefore.map(([s]) => s))})\s*)?` : '()';
  const after = w.boundsAfter.length ? String.raw`(?:\s*(${alt(w.boundsAfter.map(([s]) => s))}))?` : '()';
  const boundOf = (b: string | undefined, a: string | undefined): Bound | undefined => {
    for (const [table, word] of [
      [w.boundsBefore, b],
      [w.boundsAfter, a],
    ] as const) {
      if (!word) continue;
      const hit = table.find(([s]) => new RegExp(`^(?:${s})$`, 'iu').test(word));
      if (hit) return hit[1];
    }
    return undefined;
  };
  const found: Piece[] = [];
  const at = (m: RegExpExecArray) => ({ start: m.index, end: m.index + m[0].replace(/\s+$/u, '').length });
  const re = (body: string) => new RegExp(`${open}${before}(?:${body})${after}${close}`, 'giu');
  /** The groups of `body` come after the bound word's; the last group is the bound after. */
  const each = (body: string, push: (m: RegExpExecArray, bound: Bound | undefined) => void) => {
    for (const m of matches(text, re(body))) push(m, boundOf(m[1], m[m.length - 1]));
  };

  // Parts of a day with their day ("heute Morgen", "hier soir", "esta mañana", "今朝").
  for (const [words, part, day] of w.parts)
    each(`(?:${words})`, (m, bound) => found.push({ kind: 'part', part, ...(day ? { day } : {}), ...at(m), ...(bound ? { bound } : {}) }));
  // Parts after a weekday ("Montag Nachmittag", "lundi matin", "月曜日の午後").
  for (const [words, part] of w.dayParts)
    for (const m of matches(text, new RegExp(`(?<=${w.partAfterDay})(?:${words})${close}`, 'giu')))
      found.push({ kind: 'part', part, ...at(m), needs: 'prev-day' });

  // Days ("gestern", "avant-hier", "anteayer", "昨日"), and weekdays ("am Montag", "lundi dernier", "el martes pasado").
  for (const [words, day] of w.days) each(`(?:${words})`, (m, bound) => found.push({ kind: 'day', day, ...at(m), ...(bound ? { bound } : {}) }));
  w.weekdays.forEach((words, dow) => {
    each(`(?:${w.lastWeekday.replace('W', `(?:${words})`)})`, (m, bound) =>
      found.push({ kind: 'day', day: { type: 'weekday', dow, before: true }, ...at(m), ...(bound ? { bound } : {}) }),
    );
    each(`(?:${w.thisWeekday.replace('W', `(?:${words})`)})`, (m, bound) =>
      found.push({ kind: 'day', day: { type: 'weekday', dow, before: false }, ...at(m), ...(bound ? { bound } : {}) }),
    );
  });

  // Calendar ranges ("letzte Woche", "la semaine dernière", "el mes pasado", "先週").
  for (const [words, range] of w.ranges) each(`(?:${words})`, (m, bound) => found.push({ kind: 'range', range, ...at(m), ...(bound ? { bound } : {}) }));

  // Rolling windows ("in den letzten 2 Stunden", "depuis 2 heures", "en las últimas 3 horas", "過去2時間").
  for (const body of w.rolling)
    for (const m of matches(text, new RegExp(`${open}(?:${body})${close}`, 'giu'))) {
      const n = m.groups?.n;
      const unit = m.groups?.unit ?? '';
      found.push({ kind: 'rolling', ms: numberOf(w, n) * unitMs(w, unit), ...at(m) });
    }
  // An instant back ("vor 2 Stunden", "il y a 2 heures", "hace 2 horas", "2時間前").
  for (const body of w.ago)
    for (const m of matches(text, new RegExp(`${open}(?:${body})${close}`, 'giu'))) {
      const ms = numberOf(w, m.groups?.n) * unitMs(w, m.groups?.unit ?? '');
      found.push({ kind: 'ago', ms, ...at(m) });
    }
  for (const m of matches(text, new RegExp(`${open}(?:${w.rightNow})${close}`, 'giu'))) found.push({ kind: 'rolling', ms: RIGHT_NOW, ...at(m) });

  // Clock times ("seit 9 Uhr", "um 14:30", "depuis 9h", "vers 15 h", "desde las 9", "a las 3 de la tarde", "9時から", "午後3時ごろ").
  for (const body of w.clocks)
    each(body, (m, bound) => {
      const g = m.groups ?? {};
      const meridiem = g.pm ? 'pm' : g.am ? 'am' : undefined;
      const clock = clockOf(g.h!, g.min ?? (g.half ? '30' : undefined), meridiem);
      if (clock) found.push({ kind: 'clock', at: clock, ...at(m), ...(bound ? { bound } : {}) });
    });
  return found;
}
