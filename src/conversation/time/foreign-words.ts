import { DAY, HOUR, MINUTE } from './local-clock.ts';
import type { Bound, DaySpec, PartName, RangeSpec } from './pieces.ts';

/**
 * Time words of German, French, Spanish and Japanese, as regex sources (matched without case,
 * accents optional where people drop them). foreign.ts turns them into pieces. Clock patterns
 * name their groups: h, min, half ("halb", "y media", "半"), am, pm.
 */
export interface TimeWords {
  /** Bound words before a phrase ("seit", "depuis", "desde"). */
  boundsBefore: [string, Bound][];
  /** Bound words after it (Japanese: "から", "まで"). */
  boundsAfter: [string, Bound][];
  days: [string, DaySpec][];
  /** Sunday first. */
  weekdays: string[];
  /** "last Monday": W stands for the weekday. */
  lastWeekday: string;
  /** "(on) Monday". */
  thisWeekday: string;
  /** A part of a day with its day said ("heute Morgen", "hier soir"). */
  parts: [string, PartName, DaySpec | undefined][];
  /** A part after a weekday ("Montag Nachmittag"); `partAfterDay` is what comes before it. */
  dayParts: [string, PartName][];
  partAfterDay: string;
  ranges: [string, RangeSpec][];
  /** Back from now, with groups n (a count, may be absent) and unit. */
  rolling: string[];
  /** An instant back, groups n and unit. */
  ago: string[];
  /** "just now". */
  rightNow: string;
  clocks: string[];
  units: [string, number][];
  numbers: Record<string, number>;
}

const TODAY: DaySpec = { type: 'today' };
const YESTERDAY: DaySpec = { type: 'back', days: 1 };
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;

const de: TimeWords = {
  boundsBefore: [
    ['seit', 'since'],
    ['ab', 'since'],
    ['nach', 'after'],
    ['vor', 'before'],
    ['bis', 'until'],
  ],
  boundsAfter: [],
  days: [
    ['vorgestern', { type: 'back', days: 2 }],
    ['heute', TODAY],
    ['gestern', YESTERDAY],
  ],
  weekdays: ['sonntag', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag|sonnabend'],
  lastWeekday: String.raw`(?:letzten|letzter|vergangenen|vorigen)\s+W`,
  thisWeekday: String.raw`(?:am\s+|diesen\s+)?W`,
  parts: [
    [String.raw`heute\s+(?:morgen|fr[uü]h|vormittag)`, 'morning', TODAY],
    [String.raw`heute\s+(?:nachmittag|mittag)`, 'afternoon', TODAY],
    [String.raw`heute\s+abend`, 'evening', TODAY],
    [String.raw`gestern\s+(?:morgen|fr[uü]h|vormittag)`, 'morning', YESTERDAY],
    [String.raw`gestern\s+(?:nachmittag|mittag)`, 'afternoon', YESTERDAY],
    [String.raw`gestern\s+abend`, 'evening', YESTERDAY],
    [String.raw`(?:letzte|gestern|in\s+der\s+letzten)\s+nacht|heute\s+nacht|[uü]ber\s+nacht`, 'night', YESTERDAY],
  ],
  dayParts: [
    ['morgen|vormittag', 'morning'],
    ['nachmittag', 'afternoon'],
    ['abend', 'evening'],
  ],
  partAfterDay: String.raw`(?:sonntag|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend)\s*`,
  ranges: [
    [String.raw`(?:in\s+der\s+|die\s+)?(?:letzten|letzte|letzter|vergangenen|vergangene|vergangener|vorigen|vorige|voriger)\s+woche`, { type: 'last-week' }],
    [String.raw`(?:in\s+)?(?:dieser|diese)\s+woche`, { type: 'this-week' }],
    [String.raw`(?:im\s+)?(?:letzten|letzter|vergangenen|vorigen)\s+monat`, { type: 'last-month' }],
    [String.raw`(?:in\s+)?(?:diesem|diesen|dieser)\s+monat`, { type: 'this-month' }],
    [String.raw`(?:am\s+)?(?:letzten|letztes|vergangenen|vergangenes)\s+wochenende`, { type: 'weekend', previous: true }],
    [String.raw`(?:am\s+|dieses\s+)?wochenende`, { type: 'weekend', previous: false }],
  ],
  rolling: [
    String.raw`(?:in\s+)?(?:den|der)\s+(?:letzten|vergangenen)\s+(?:(?<n>\d{1,3}|zwei|drei|vier|f[uü]nf|sechs|zehn|zw[oö]lf|vierundzwanzig)\s+)?(?<unit>stunden?|std|minuten|min|tagen|tag)`,
    String.raw`(?:in\s+)?den\s+(?:letzten|vergangenen)\s+(?<n>\d{1,3}|zwei|drei|vier)\s+(?<unit>wochen)`,
    String.raw`seit\s+(?<n>\d{1,3}|einer|einem|zwei|drei|vier|f[uü]nf|zehn)\s+(?<unit>stunden?|std|minuten|min|tagen)`,
  ],
  ago: [String.raw`vor\s+(?<n>\d{1,3}|einer|einem|zwei|drei|vier|f[uü]nf|zehn|zwanzig|drei[sß]ig)\s+(?<unit>stunden?|std|minuten|min)`],
  rightNow: String.raw`gerade\s+eben|eben\s+gerade|soeben`,
  clocks: [
    String.raw`(?:(?:um|gegen|ca\.?|etwa)\s+)?(?<h>\d{1,2})(?:[:.](?<min>[0-5]\d))?\s*uhr(?:\s+(?:(?<pm>abends|nachmittags)|(?<am>morgens|fr[uü]h|vormittags)))?`,
    String.raw`(?:(?:um|gegen|ca\.?|etwa)\s+)?(?<h>\d{1,2}):(?<min>[0-5]\d)`,
  ],
  units: [
    ['stunden?|std|h', HOUR],
    ['minuten?|min', MINUTE],
    ['tagen?|tage?', DAY],
    ['wochen?', WEEK],
  ],
  numbers: {
    ein: 1,
    eine: 1,
    einer: 1,
    einem: 1,
    zwei: 2,
    drei: 3,
    vier: 4,
    fünf: 5,
    funf: 5,
    sechs: 6,
    zehn: 10,
    zwölf: 12,
    zwolf: 12,
    zwanzig: 20,
    dreißig: 30,
    dreissig: 30,
    vierundzwanzig: 24,
  },
};

const fr: TimeWords = {
  boundsBefore: [
    ['depuis', 'since'],
    [String.raw`[àa]\s+partir\s+(?:de\s+|d['’]\s*)`, 'since'],
    ['apr[eè]s', 'after'],
    ['avant', 'before'],
    [String.raw`jusqu['’]\s*[àa]|jusqu\s+[àa]`, 'until'],
  ],
  boundsAfter: [],
  days: [
    [String.raw`avant[\s-]hier`, { type: 'back', days: 2 }],
    [String.raw`aujourd['’ ]?hui|auj`, TODAY],
    ['hier', YESTERDAY],
  ],
  weekdays: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  lastWeekday: String.raw`(?:le\s+)?W\s+(?:derni[eè]r|pass[eé])`,
  thisWeekday: String.raw`(?:le\s+|ce\s+)?W`,
  parts: [
    [String.raw`ce\s+matin`, 'morning', TODAY],
    [String.raw`cet\s+apr[eè]s[\s-]?midi|cet\s+aprem`, 'afternoon', TODAY],
    [String.raw`ce\s+soir`, 'evening', TODAY],
    [String.raw`hier\s+matin`, 'morning', YESTERDAY],
    [String.raw`hier\s+apr[eè]s[\s-]?midi`, 'afternoon', YESTERDAY],
    [String.raw`hier\s+soir`, 'evening', YESTERDAY],
    [String.raw`cette\s+nuit|la\s+nuit\s+derni[eè]re|(?:pendant\s+la|dans\s+la)\s+nuit`, 'night', YESTERDAY],
  ],
  dayParts: [
    ['matin', 'morning'],
    [String.raw`apr[eè]s[\s-]?midi`, 'afternoon'],
    ['soir', 'evening'],
  ],
  partAfterDay: String.raw`(?:dimanche|lundi|mardi|mercredi|jeudi|vendredi|samedi)(?:\s+derni[eè]r)?\s+`,
  ranges: [
    [String.raw`(?:la\s+)?semaine\s+(?:derni[eè]re|pass[eé]e)`, { type: 'last-week' }],
    [String.raw`(?:de\s+)?cette\s+semaine`, { type: 'this-week' }],
    [String.raw`(?:le\s+)?mois\s+(?:dernier|pass[eé])`, { type: 'last-month' }],
    [String.raw`ce\s+mois(?:[\s-]ci)?`, { type: 'this-month' }],
    [String.raw`(?:le\s+|ce\s+)?week[\s-]?end\s+(?:dernier|pass[eé])`, { type: 'weekend', previous: true }],
    [String.raw`(?:le\s+|ce\s+)?week[\s-]?end`, { type: 'weekend', previous: false }],
  ],
  rolling: [
    String.raw`(?:(?:dans|sur|pendant|durant|depuis)\s+)?(?:la|les)\s+(?:(?<n>\d{1,3}|deux|trois|quatre|cinq|six|dix|douze|vingt-quatre)\s+)?derni[eè]res?\s+(?<unit>heures?|minutes?|jours?)`,
    String.raw`depuis\s+(?<n>\d{1,3}|une|un|deux|trois|quatre|cinq|dix|trente)\s+(?<unit>heures?|minutes?|min|jours)`,
  ],
  ago: [String.raw`il\s+y\s+a\s+(?<n>\d{1,3}|une|un|deux|trois|quatre|cinq|dix|vingt|trente)\s+(?<unit>heures?|minutes?|min)`],
  rightNow: String.raw`[àa]\s+l['’]\s*instant|tout\s+de\s+suite`,
  clocks: [
    String.raw`(?:(?:[àa]|vers|aux\s+alentours\s+de|autour\s+de)\s+)?(?<h>\d{1,2})\s*h(?:\s*(?<min>[0-5]\d))?(?:\s+du\s+(?:(?<am>matin)|(?<pm>soir)))?`,
    String.raw`(?:[àa]|vers)\s+(?<h>\d{1,2})\s+heures?(?:\s+(?<min>[0-5]\d))?(?:\s+du\s+(?:(?<am>matin)|(?<pm>soir)))?`,
    String.raw`(?:(?:[àa]|vers)\s+)?(?<h>\d{1,2}):(?<min>[0-5]\d)`,
  ],
  units: [
    ['heures?|h', HOUR],
    ['minutes?|min', MINUTE],
    ['jours?', DAY],
    ['semaines?', WEEK],
    ['mois', MONTH],
  ],
  numbers: { un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, dix: 10, douze: 12, vingt: 20, 'vingt-quatre': 24, trente: 30 },
};

const es: TimeWords = {
  boundsBefore: [
    ['desde', 'since'],
    [String.raw`a\s+partir\s+de`, 'since'],
    [String.raw`despu[eé]s\s+de`, 'after'],
    [String.raw`antes\s+de`, 'before'],
    ['hasta', 'until'],
  ],
  boundsAfter: [],
  days: [
    [String.raw`anteayer|antier|antes\s+de\s+ayer`, { type: 'back', days: 2 }],
    ['hoy', TODAY],
    ['ayer', YESTERDAY],
  ],
  weekdays: ['domingo', 'lunes', 'martes', 'mi[eé]rcoles', 'jueves', 'viernes', 's[aá]bado'],
  lastWeekday: String.raw`(?:el\s+)?W\s+pasado`,
  thisWeekday: String.raw`(?:el\s+|este\s+)?W`,
  parts: [
    [String.raw`esta\s+ma[nñ]ana`, 'morning', TODAY],
    [String.raw`esta\s+tarde`, 'afternoon', TODAY],
    [String.raw`esta\s+noche`, 'tonight', TODAY],
    [String.raw`ayer\s+(?:por|en|a)\s+la\s+ma[nñ]ana`, 'morning', YESTERDAY],
    [String.raw`ayer\s+(?:por|en|a)\s+la\s+tarde`, 'afternoon', YESTERDAY],
    [String.raw`anoche|ayer\s+(?:por|en|a)\s+la\s+noche`, 'night', YESTERDAY],
  ],
  dayParts: [
    [String.raw`(?:por|en)\s+la\s+ma[nñ]ana`, 'morning'],
    [String.raw`(?:por|en)\s+la\s+tarde`, 'afternoon'],
    [String.raw`(?:por|en)\s+la\s+noche`, 'evening'],
  ],
  partAfterDay: String.raw`(?:domingo|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado)(?:\s+pasado)?\s+`,
  ranges: [
    [String.raw`(?:la\s+)?semana\s+pasada`, { type: 'last-week' }],
    [String.raw`esta\s+semana`, { type: 'this-week' }],
    [String.raw`(?:el\s+)?mes\s+pasado`, { type: 'last-month' }],
    [String.raw`este\s+mes`, { type: 'this-month' }],
    [String.raw`(?:el\s+)?fin\s+de\s+semana\s+pasado`, { type: 'weekend', previous: true }],
    [String.raw`(?:el\s+|este\s+)?(?:fin\s+de\s+semana|finde)`, { type: 'weekend', previous: false }],
  ],
  rolling: [
    String.raw`(?:(?:en|durante)\s+)?(?:la|las|el|los)\s+(?:[uú]ltim[ao]s?|pasad[ao]s?)\s+(?:(?<n>\d{1,3}|dos|tres|cuatro|cinco|seis|diez|doce|veinticuatro)\s+)?(?<unit>horas?|minutos?|d[ií]as?)`,
    String.raw`desde\s+hace\s+(?<n>\d{1,3}|una|un|dos|tres|cuatro|cinco|diez|media)\s+(?<unit>horas?|minutos?|min|d[ií]as)`,
  ],
  ago: [String.raw`hace\s+(?<n>\d{1,3}|una|un|dos|tres|cuatro|cinco|diez|veinte|treinta)\s+(?<unit>horas?|minutos?|min)`],
  rightNow: String.raw`ahora\s+mismo|justo\s+ahora|hace\s+un\s+momento`,
  clocks: [
    String.raw`(?:(?:a|sobre|hacia|alrededor\s+de)\s+)?(?:la|las)\s+(?<h>\d{1,2})(?:[:.](?<min>[0-5]\d)|\s+y\s+(?<half>media))?(?:\s+de\s+la\s+(?:(?<am>ma[nñ]ana)|(?<pm>tarde|noche)))?`,
    String.raw`(?:(?:a|sobre|hacia)\s+)?(?<h>\d{1,2}):(?<min>[0-5]\d)`,
  ],
  units: [
    ['horas?|h', HOUR],
    ['minutos?|min', MINUTE],
    ['d[ií]as?', DAY],
    ['semanas?', WEEK],
    ['mes(?:es)?', MONTH],
  ],
  numbers: { un: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, diez: 10, doce: 12, veinte: 20, veinticuatro: 24, treinta: 30 },
};

const ja: TimeWords = {
  boundsBefore: [],
  boundsAfter: [
    ['から|以降|いこう', 'since'],
    ['まで', 'until'],
    ['より前|以前', 'before'],
    ['より後|以後', 'after'],
  ],
  days: [
    ['一昨日|おととい', { type: 'back', days: 2 }],
    ['今日|きょう|本日', TODAY],
    ['昨日|きのう', YESTERDAY],
  ],
  weekdays: ['日曜日?', '月曜日?', '火曜日?', '水曜日?', '木曜日?', '金曜日?', '土曜日?'],
  lastWeekday: '先週の?W',
  thisWeekday: '(?:今週の)?W',
  parts: [
    ['今朝|けさ|今日の朝|今日の午前中?|午前中', 'morning', TODAY],
    ['今日の午後', 'afternoon', TODAY],
    ['今晩|今夜|今日の夜|今日の夕方', 'tonight', TODAY],
    ['昨日の朝|昨日の午前中?|きのうの朝', 'morning', YESTERDAY],
    ['昨日の午後|きのうの午後', 'afternoon', YESTERDAY],
    ['昨日の夕方|昨日の晩', 'evening', YESTERDAY],
    ['昨夜|昨晩|ゆうべ|夕べ|昨日の夜|きのうの夜', 'night', YESTERDAY],
  ],
  dayParts: [
    ['の?(?:朝|午前中?)', 'morning'],
    ['の?午後', 'afternoon'],
    ['の?(?:夜|晩|夕方)', 'evening'],
  ],
  partAfterDay: '[日月火水木金土]曜日?',
  ranges: [
    ['先週末', { type: 'weekend', previous: true }],
    ['今週末|週末', { type: 'weekend', previous: false }],
    ['先週|前週', { type: 'last-week' }],
    ['今週', { type: 'this-week' }],
    ['先月|前月', { type: 'last-month' }],
    ['今月', { type: 'this-month' }],
  ],
  rolling: [String.raw`(?:過去|直近|ここ|最近の?)(?<n>\d{1,3})?(?<unit>時間|分|日|週間)(?:以内)?`, String.raw`(?<n>\d{1,3})(?<unit>時間|分)以内`],
  ago: [String.raw`(?<n>\d{1,3})(?<unit>時間|分)前`],
  rightNow: 'たった今|ついさっき|さっき',
  clocks: [
    String.raw`(?:(?<am>午前|朝)|(?<pm>午後|夜|夕方))?(?<h>\d{1,2})時(?:(?<min>[0-5]?\d)分|(?<half>半))?(?:ごろ|頃|くらい)?`,
    String.raw`(?<h>\d{1,2}):(?<min>[0-5]\d)(?:ごろ|頃)?`,
  ],
  units: [
    ['時間', HOUR],
    ['分', MINUTE],
    ['日', DAY],
    ['週間', WEEK],
  ],
  numbers: {},
};

export const WORDS: Record<'de' | 'fr' | 'es' | 'ja', TimeWords> = { de, fr, es, ja };
