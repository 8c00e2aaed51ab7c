import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INTENTS } from '../../src/conversation/command.ts';
import { answerAction, type AnswerContext } from '../../src/routes/index.ts';
import { BUTTONS, BUTTON_ROUTES, INTENT_ROUTES } from '../../src/routes/table.ts';
import { openSource } from '../../src/sources.ts';

/**
 * Issue 13: the route table is the one list of what the bot answers. Every question the
 * parser can read and every button a card can send has exactly one route, each handled in a
 * file of its own; a verb with no route is refused, whatever it is named.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every verb a card can send: the templates' Action.Execute verbs, and any a builder writes itself. */
function verbsOnCards(): Set<string> {
  const verbs = new Set<string>();
  for (const f of readdirSync(`${ROOT}cards`).filter((n) => n.endsWith('.json')))
    for (const m of readFileSync(`${ROOT}cards/${f}`, 'utf8').matchAll(/"verb"\s*:\s*"([^"$]+)"/g)) verbs.add(m[1]!);
  for (const f of readdirSync(`${ROOT}src/cards`).filter((n) => n.endsWith('.ts')))
    for (const m of readFileSync(`${ROOT}src/cards/${f}`, 'utf8').matchAll(/\bverb['"]?\s*:\s*'([^']+)'/g)) verbs.add(m[1]!);
  return verbs;
}

describe('the route table', () => {
  it('has exactly one route for every intent the parser reads', () => {
    expect(Object.keys(INTENT_ROUTES).sort()).toEqual([...INTENTS].sort());
  });

  it('has exactly one route for every verb a card sends, and none that no card sends', () => {
    const verbs = BUTTONS.map(([v]) => v);
    expect(new Set(verbs).size, 'a verb listed twice').toBe(verbs.length);
    expect([...BUTTON_ROUTES.keys()].sort()).toEqual([...verbsOnCards()].sort());
    expect([...verbsOnCards()].sort()).toEqual([
      'approveRemediation',
      'attemptsPage',
      'diagnose',
      'failuresPage',
      'feedback',
      'lockoutsPage',
      'markHandled',
      'markIncidentHandled',
      'openTicket',
      'openTicketForm',
      'pickUser',
      'remediate',
      'showAttempts',
      'showIncident',
      'showSuccesses',
      'whatIf',
    ]);
  });

  it("handles each route in its own file: intents/<intent>.ts, buttons/<verb>.ts, exporting the route's handler", async () => {
    const files = [
      ...Object.entries(INTENT_ROUTES).map(([name, r]) => [`src/routes/intents/${name}.ts`, r] as const),
      ...BUTTONS.map(([verb, r]) => [`src/routes/buttons/${kebab(verb)}.ts`, r] as const),
    ];
    for (const [file, r] of files) {
      expect(existsSync(`${ROOT}${file}`), file).toBe(true);
      const exported = Object.values((await import(`${ROOT}${file}`)) as Record<string, unknown>);
      expect(exported, file).toContain(r.handle);
      // One handler a file: anything else it exports is its payload's schema.
      expect(
        exported.filter((x) => typeof x === 'function'),
        file,
      ).toEqual([r.handle]);
    }
    expect(readdirSync(`${ROOT}src/routes/intents`).length).toBe(INTENTS.length);
    expect(readdirSync(`${ROOT}src/routes/buttons`).length).toBe(BUTTONS.length);
  });

  it('lets a limited asker use a self-or-helpdesk route only with a payload that names someone', () => {
    for (const [name, r] of [...Object.entries(INTENT_ROUTES), ...BUTTONS]) {
      // Without a `pinned` check, the schema itself must refuse a payload that names nobody.
      if (r.who === 'self-or-helpdesk' && !r.pinned) expect(z.safeParse(r.schema, {}).success, name).toBe(false);
    }
    expect(
      Object.entries(INTENT_ROUTES)
        .filter(([, r]) => r.who === 'anyone')
        .map(([n]) => n)
        .sort(),
    ).toEqual(['explain-code', 'help']);
    expect(
      [
        ...BUTTONS.filter(([, r]) => r.who === 'helpdesk').map(([v]) => v),
        ...Object.entries(INTENT_ROUTES)
          .filter(([, r]) => r.who === 'helpdesk')
          .map(([n]) => n),
      ].sort(),
    ).toEqual([
      'approveRemediation',
      'check-policies',
      'failures',
      'failuresPage',
      'flagged',
      'incidents',
      'lockouts',
      'lockoutsPage',
      'markHandled',
      'markIncidentHandled',
      'policies-for',
      'remediate',
      'showIncident',
      'subscribe',
      'unsubscribe',
      'weekly-summary',
    ]);
  });

  it('refuses an unknown verb, and "__proto__" or "constructor", with the "no longer supported" card', async () => {
    const source = openSource(undefined);
    const ctx: AnswerContext = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames() };
    for (const verb of ['__proto__', 'constructor', 'hasOwnProperty', 'format-disk', 'Diagnose', '']) {
      const r = await answerAction(verb, { correlationId: 'x', userId: 'y' }, ctx);
      expect(r.text, verb).toBe('This button is no longer supported.');
      expect(JSON.stringify(r.card), verb).toContain('Ask again in the chat to get a fresh card.');
    }
  });
});
