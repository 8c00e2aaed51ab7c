import { describe, expect, it } from 'vitest';
import { answerAction, type AnswerContext } from '../../src/routes/index.ts';
import { readButton } from '../../src/routes/middleware/find-route.ts';
import { openSource } from '../../src/sources.ts';
import { validateCard } from '../helpers/validate-card.ts';

/** Issue 14, item 10: a button verb that names an inherited property of an object is an unknown button, not a crash. */
const INHERITED = [
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__proto__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];

describe('button verbs', () => {
  it('a verb named like an inherited property is unknown, not looked up', () => {
    for (const verb of INHERITED) expect(readButton(verb, {}), verb).toEqual({ error: `unknown button "${verb}"`, unknownVerb: true });
    expect(readButton(42, {})).toMatchObject({ unknownVerb: true });
    expect(readButton('diagnose', { correlationId: 'c1' })).toEqual({ verb: 'diagnose', data: { correlationId: 'c1' } });
  });

  it('pressing one gets a card that says the button is no longer supported and to ask again in the chat', async () => {
    const source = openSource(undefined);
    const ctx: AnswerContext = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames() };
    for (const verb of [...INHERITED, 'format-disk']) {
      const r = await answerAction(verb, { correlationId: 'x' }, ctx);
      const card = JSON.stringify(r.card);
      expect(card, verb).toContain('This button is no longer supported.');
      expect(card, verb).toContain('Ask again in the chat to get a fresh card.');
      expect(validateCard(r.card!)).toEqual([]);
    }
  });
});
