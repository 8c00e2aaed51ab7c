import TokenizerJa from '@nlpjs/lang-ja/src/tokenizer-ja.js';
import { foldWord } from './entities.ts';
import { looksLike } from './fuzzy.ts';
import type { Language } from './language.ts';

/**
 * Which words of a message could be a name. The directory decides who they are; without
 * one, the first run of them where a name goes ("why did X", "X can't") is the person, as
 * typed (the parser's behaviour before it had a directory).
 */

/** Words that carry no name: question words, sign-in talk, fillers. */
const STOP = new Set(
  `a an the to in on at for of from with by into onto about as and or but not no is are was were be been being do does did done doing has have had having
  am why what whats when where who whom whose which how can cant cannot couldnt could would should will wont shall may might must unable able
  sign signs signing signed signin signins sign-in sign-ins login logins logon log logging logged logs in out up off
  fail fails failed failing failure failures error errors problem problems issue issues trouble help helping broken denied blocked block
  show list see display get give find check tell me my our us we you your i it its this that these those there here
  please pls plz thanks thank hey hi hello bot yo ok okay just also still again now right wrong
  any anyone anybody someone somebody everyone everybody who all user users person people account accounts access
  attempt attempts activity history events event recent recently last latest diagnose diagnosis why's
  locked lockout lockouts lock unlock app apps application applications using use used via through
  mean means meaning explain explanation code codes aadsts everything anything something details detail info information stuff
  were was being guest guests member external their them they he she him her his hers its look view pull fetch bring
  get gets got getting gotten happen happens happened happening see sees saw seen seeing say says said open opens opened opening
  use uses using try tries tried trying keep keeps kept keeping go goes went going come comes came report reports reported
  complain complains complained call calls called ask asks asked want wants wanted need needs needed page screen message
  ins ons outs whyy wy fial fiald faild failled fale singin sigin sign-on signon loggin logon logons loging lockd
  notifying notified alerting posting again keeps continue continues continuing corr id ids request correlation`.split(/\s+/),
);

/**
 * German, French and Spanish words that carry no name, read only from an asker of that
 * language (an English asker's "José de la Cruz" keeps its "de la"): pronouns, articles,
 * question words, auxiliaries. The corpora's words are no names either (parse.ts asks).
 */
const STOP_IN: Partial<Record<Language, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries({
    de: `der die das den dem des ein eine einen einem einer ist war sind hat haben hatte wird wurde kann konnte konnten nicht kein keine
  sich sie er es ich mich mir mein meine wir uns unser du dich dein was wer wen wem wie wo wann warum wieso weshalb welche welcher welches bei mit für fur
  von vom zum zur auf aus im an um und oder aber alle alles jemand niemand heute gestern bitte mal noch schon`,
    fr: `le la les un une des du de d l au aux et ou est sont a ont pas ne n il elle ils on je j me m moi mon ma mes nous notre vous votre qui que qu quoi
  pourquoi comment quand quel quelle quels quelles tous tout toutes ce cet cette ces se s pour par dans sur avec sans stp svp merci`,
    es: `el la los las un una unos unas de del al y o es son ha han no yo mi mis tu su sus nosotros que qué quien quién quienes como cómo cuando cuándo donde dónde
  por porque cual cuál cuales todos todo esta este estos estas se para con sin favor gracias hoy ayer`,
  }).map(([lang, words]) => [lang, new Set(words.split(/\s+/).map(foldWord))]),
);

/** A word of the asker's language that is no one's name ("warum", "pourquoi", "porque"). */
export function isStopWordIn(folded: string, lang: Language): boolean {
  return STOP_IN[lang]?.has(folded) ?? false;
}

const JA_HONORIFIC = /^(?:さん|様|さま|くん|君|ちゃん|氏)$/u;
/** Particles after a name ("bobが", "aliceの", "meganは"), and honorifics. */
const JA_PARTICLE = /^(?:が|は|の|に|を|も|と|さん|様|さま|くん|氏)/u;

/** The words that used to decide the intent (before the classifier), still never part of a name, typos included. */
const INTENT_WORDS = `locked lockout lockouts flagged flag flags mean means meaning explain explanation define show list display see view look pull
  history activity attempts summary sign-ins signins logins logons events why whyy fail fial faild failed failing fails failure cant cannot couldnt
  unable blocked denied error problem issue trouble diagnose broken stuck happened notify notifying alert alerts alerting subscribe post posting
  tell ping warn notifications notification stop disable mute cancel quiet silence turn-off policies policy conditional check review audit
  analyse analyze inspect scan help commands usage examples hello start`.split(/\s+/);
/** Keywords long enough to be recognised with a typo ("notfy"); shorter ones only as written. */
const TYPO_KEYWORDS = [...new Set(INTENT_WORDS)].filter((k) => k.length >= 4);

export interface Token {
  /** As typed, without surrounding punctuation or a possessive 's. */
  text: string;
  folded: string;
  start: number;
  end: number;
}

/** The message's words with where they are; punctuation between two words is kept as `gap` on the second. */
export function tokenize(text: string): (Token & { gap: string })[] {
  const out: (Token & { gap: string })[] = [];
  let last = 0;
  for (const { 0: word, index } of words(text)) {
    let raw = word;
    let start = index;
    const lead = /^[.'’@-]+/.exec(raw)?.[0].length ?? 0;
    raw = raw.slice(lead);
    start += lead;
    raw = raw.replace(/[.'’-]+$/, '').replace(/['’]s$/i, '');
    if (!raw) continue;
    const gap = text.slice(last, start);
    last = start + raw.length;
    out.push({ text: raw, folded: foldWord(raw), start, end: start + raw.length, gap });
  }
  return out;
}

/** Japanese script: written without spaces, cut into words by nlp.js's TinySegmenter. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/u;
const WORD =
  /[^\s,;:!?¿¡()[\]{}"<>|=*&、。！？「」（）・\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/gu;
let segmenter: TokenizerJa | undefined;

/** The message's words with where they are: Latin-script words by spaces and punctuation, Japanese runs cut into words ("bob", "が", "サインイン", "でき", "ない"). */
function words(text: string): { 0: string; index: number }[] {
  const out: { 0: string; index: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    if (!CJK.test(m[0])) {
      out.push({ 0: m[0], index: m.index });
      continue;
    }
    segmenter ??= new TokenizerJa();
    let at = m.index;
    for (const piece of segmenter.innerTokenize(m[0])) {
      const i = text.indexOf(piece, at);
      if (i < 0 || !piece.trim()) continue;
      out.push({ 0: piece, index: i });
      at = i + piece.length;
    }
  }
  return out;
}

/** A stop word or a typo of a keyword ("notfy"): no one's name, whatever the directory holds. */
export function isStopWord(folded: string): boolean {
  const bare = folded.replace(/['’]/g, '');
  return STOP.has(folded) || STOP.has(bare) || TYPO_KEYWORDS.some((k) => looksLike(folded, k));
}

/** Letters, and perhaps a number after three or more of them ("breakglass01", not "CA006"). */
const NAME_SHAPED = /^(?:[\p{L}][\p{L}'’.-]*|[\p{L}][\p{L}'’.-]{2,}\p{N}{1,3})$/u;

/**
 * Runs of words that could be a name, in order. A run ends at a word that is no name (a stop
 * word, or a word `alsoNoName` rules out) or at punctuation; one-letter words ("Ó" in
 * "Tomás Ó Briain") may sit inside a run, not end it. At most four words a run.
 */
export function nameRuns(text: string, alsoNoName: (folded: string) => boolean = () => false): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    while (run.length && run[run.length - 1]!.text.length < 2) run.pop();
    if (run.length) runs.push(run.slice(0, 4));
    run = [];
  };
  const all = tokenize(text);
  all.forEach((tok, i) => {
    if (run.length && tok.gap.trim()) close();
    // A Japanese word is a name only before an honorific ("田中さん"); Japanese text has no spaces to tell otherwise.
    const japanese = CJK.test(tok.text);
    const nameLike = japanese
      ? JA_HONORIFIC.test(all[i + 1]?.text ?? '') && !JA_HONORIFIC.test(tok.text)
      : NAME_SHAPED.test(tok.text) && !isStopWord(tok.folded) && !alsoNoName(tok.folded) && (tok.text.length >= 2 || run.length > 0);
    if (nameLike) run.push(tok);
    else close();
  });
  close();
  return runs;
}

/** Words a name follows: "why did X", "for X", "check X", "policies that include X". */
const BEFORE_NAME = new Set(
  `did does do can cant could couldnt would will should for of about user guest colleague employee member check diagnose investigate troubleshoot
  show list view display whether include includes exclude excludes cover covers affect affects target targets targeting issue issues problem problems ticket re
  konnte kann konnten für fur von bei benutzer nutzer kollege kollegin mitarbeiter mitarbeiterin prüfe prufe pruf prüf zeig zeige
  de del pour utilisateur collègue collegue vérifie verifie verif montre
  para usuario usuaria compañero compañera companero companera revisa muestra`.split(/\s+/),
);
/** Words that may precede a name or anything else ("is X locked out", "is jammed again"): a name only if a word after says so too. */
const BEFORE_NAME_WEAK = new Set([
  'is',
  'was',
  'has',
  'had',
  'if',
  'why',
  'with',
  'when',
  'si',
  'wenn',
  'ist',
  'hat',
  'warum',
  'wieso',
  'pourquoi',
  'que',
  'qu',
  'por',
  'porque',
  'a',
  'est',
]);
/** Words a name precedes: "X can't", "X is locked", "X failed", "X's". */
const AFTER_NAME = new Set(
  `cant cannot couldnt can could is isnt was wasnt were has had keeps keep gets got get failed fails failing fail says said reports reported locked sign signs
  signed signing log logs logged logging tried tries try uses used opens open does doesnt did didnt account login logins sign-in sign-ins signin signins
  unable be been being getting still currently not would will error errors blocked denied refused rejected prompted asked kicked stuck
  kann konnte könnte konnte ist war hat hatte wurde wird sich nicht meldet bekommt kommt
  ne n narrive npeut na nest peut arrive est a se sest etait était
  no puede pudo está esta estaba tiene tuvo ha fue se
  gesperrt ausgesperrt blockiert verrouille verrouillee bloque bloquee bloqueado bloqueada meldet nutzt offnet öffnet
  inicia entra usa abre tuviera ouvre utilise passe`.split(/\s+/),
);

/**
 * Whether a run sits where a name goes: after "why did", "for", "check"…, before "can't",
 * "failed", "is locked", "'s"…, or written with a capital inside a sentence. A run elsewhere
 * ("the printer on floor 3 is jammed again") is a word the corpus never used, not a name.
 */
export function inNameSlot(text: string, run: Token[]): boolean {
  const all = tokenize(text);
  const first = all.findIndex((t) => t.start === run[0]!.start);
  const last = all.findIndex((t) => t.start === run[run.length - 1]!.start);
  if (first < 0 || last < 0) return false;
  const bare = (t: Token | undefined) => t?.folded.replace(/['’]/g, '');
  const before = bare(all[first - 1]);
  const after = bare(all[last + 1]);
  const possessive = /^['’]s\b/i.test(text.slice(run[run.length - 1]!.end));
  // Japanese particles are matched as typed: folding takes the dakuten off "が".
  const particle = JA_PARTICLE.test(all[last + 1]?.text ?? '') && all[last + 1]!.gap === '';
  const followed = possessive || particle || (after !== undefined && AFTER_NAME.has(after));
  if (before === undefined && after === undefined) return true;
  if (followed || (before !== undefined && BEFORE_NAME.has(before))) return true;
  // "applies to X", "happened to X".
  if (before === 'to' && /^(?:apply|applies|applied|happen|happened|happening|belongs?)$/.test(bare(all[first - 2]) ?? '')) return true;
  // "s'appliquent à X", "se aplican a X".
  if (before === 'a' && /^(?:sappliquent|sapplique|appliquent|aplican|aplica|afecta|afectan)$/.test(bare(all[first - 2]) ?? '')) return true;
  // "why is X", "how was X": the question word makes the weak one strong.
  if (before !== undefined && BEFORE_NAME_WEAK.has(before)) return followed || /^(?:why|how|when|where|what)$/.test(bare(all[first - 2]) ?? '');
  const shouting = text === text.toUpperCase();
  const sentenceStart = first === 0 || /[.!?]/.test(all[first]!.gap);
  return !shouting && !sentenceStart && run.some((t) => /^\p{Lu}/u.test(t.text));
}
