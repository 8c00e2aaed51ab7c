import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueEntries } from '../helpers/catalogue-entries.ts';
import { diagnosisCard } from '../../src/cards/diagnosis-card.ts';
import { lookupCode } from '../../src/diagnosis/catalog.ts';
import { SCENARIOS, type ScenarioId } from '../../src/diagnosis/scenarios/index.ts';
import type { Diagnosis } from '../../src/diagnosis/types.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { isMessage, render, wordsOf, type Message } from '../../src/i18n/message.ts';
import { diagnoseStory } from '../helpers/scenario-fixtures.ts';

/**
 * Issue 21, the engine's own sentences: every scenario's assessment and actions are messages
 * (engine.scenario.<id>.*, phrases under engine.phrase.*), English rendered to the very text the
 * engine reports, and a card in another language carries none of the English sentences.
 */

const OTHERS = LOCALES.filter((l) => l !== 'en');
/** The English words of the engine's sentences: each message's literal runs between placeholders, long enough to be a sentence's own. */
const englishRuns = [...catalogueEntries('en', 'engine.scenario')]
  .flatMap(([key, text]) => text.split(/\{[^}]*\}/).map((run) => [key, run.trim()] as const))
  .filter(([, run]) => run.length >= 24);

/** Every key a message uses, nested phrases included. */
function keysOf(m: Message, out: string[] = []): string[] {
  out.push(m.key);
  const visit = (v: unknown): void => {
    if (isMessage(v)) keysOf(v, out);
    else if (typeof v === 'object' && v !== null && Array.isArray((v as { list?: unknown[] }).list)) (v as { list: unknown[] }).list.forEach(visit);
  };
  for (const v of Object.values(m.values ?? {})) visit(v);
  return out;
}

const diagnoses = new Map<ScenarioId, Diagnosis>();
beforeAll(async () => {
  for (const s of SCENARIOS) diagnoses.set(s.id, await diagnoseStory(s.id));
}, 120_000);

describe("the scenarios' sentences as messages", () => {
  it('every scenario says its assessment and every action as a message under its own namespace, English as the text beside it', () => {
    for (const s of SCENARIOS) {
      const d = diagnoses.get(s.id)!;
      expect(d.assessmentMsg, s.id).toBeDefined();
      expect(d.assessmentMsg!.key.startsWith(`engine.scenario.${s.id}.`) || d.assessmentMsg!.key === 'engine.phrase.sentences', s.id).toBe(true);
      expect(
        keysOf(d.assessmentMsg!).some((k) => k.startsWith(`engine.scenario.${s.id}.`)),
        s.id,
      ).toBe(true);
      expect(render('en', d.assessmentMsg!), s.id).toBe(d.assessment);
      for (const a of d.actions) {
        expect(a.msg, `${s.id}: ${a.text}`).toBeDefined();
        expect(render('en', a.msg!)).toBe(a.text);
        if (a.link) expect(a.link.titleMsg && render('en', a.link.titleMsg), a.link.title).toBe(a.link.title);
      }
    }
  });

  for (const locale of LOCALES) {
    it(`${locale}: every scenario's assessment and actions render whole: no {placeholder}, no catalogue key, no empty words`, () => {
      for (const s of SCENARIOS) {
        const d = diagnoses.get(s.id)!;
        for (const text of [wordsOf(locale, { text: d.assessment, msg: d.assessmentMsg }), ...d.actions.map((a) => wordsOf(locale, a))]) {
          expect(text, `${locale} ${s.id}`).not.toMatch(/\{[A-Za-z]+\}|engine\.(scenario|phrase|link)\.|undefined/);
          expect(text.trim().length, `${locale} ${s.id}`).toBeGreaterThan(10);
        }
      }
    });
  }

  for (const locale of OTHERS) {
    it(`${locale}: the diagnosis card of each scenario carries none of the engine's English sentences`, () => {
      for (const s of SCENARIOS) {
        const d = diagnoses.get(s.id)!;
        const card = JSON.stringify(diagnosisCard(d, undefined, 'UTC', { locale }));
        // The assessment is there in the reader's words (times localized by the card, so compare the start).
        expect(card, `${locale} ${s.id}`).toContain(wordsOf(locale, { text: d.assessment, msg: d.assessmentMsg }).slice(0, 12));
        // The code's own meaning and advice come from messages/codes/<locale>.json (English where a language has no text for the code yet): not this check's.
        const insight = lookupCode(d.errorCode);
        const ours = insight ? card.split(insight.meaning).join('').split(insight.remedy).join('') : card;
        const english = englishRuns.filter(([, run]) => ours.includes(run)).map(([key, run]) => `${key}: "${run}"`);
        expect(english, `${locale} ${s.id}`).toEqual([]);
        for (const a of d.actions) if (a.link?.titleMsg) expect(card, `${locale} ${s.id}`).not.toContain(`[${a.link.title}]`);
      }
    });
  }
});
