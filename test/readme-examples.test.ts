import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../src/routes/index.ts';
import { HELP_EXAMPLES } from '../src/cards/simple-cards.ts';
import { openSource } from '../src/sources.ts';

/**
 * The README's "Things to ask" and the help card's examples are answered by the bundled
 * sample tenant: a newcomer who types them sees something, not "nothing found".
 */
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = README.split('### Things to ask')[1]!.split(/\n#/)[0]!;
const examples = [...section.matchAll(/^- \*(.+?)\*/gm)].map((m) => m[1]!);
/** Miriam Graham, the Playground's current user, with her sample-tenant id. */
const MIRIAM = 'f76a97e4-9533-40d0-bcf1-88114b264874';
const EMPTY = /^No sign-in events|^0 (flagged|attempts|sign-ins)|^Nobody|nothing (was )?found|I could not find|I didn't catch/i;

describe('the README examples', { timeout: 120_000 }, () => {
  const source = openSource(undefined);
  const ctx: AnswerContext = {
    source,
    now: source.asOf()!,
    timeZone: 'UTC',
    appNames: source.appNames(),
    allUsers: source.allUsers(),
    askerId: MIRIAM,
    asker: 'Miriam Graham',
  };

  it('lists the help card’s examples among its own', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const e of HELP_EXAMPLES) expect(examples).toContain(e);
  });

  it.each(examples.map((e) => e.replace(/\*? \(as .*$/, '')))('"%s" is answered with something found', async (text) => {
    const reply = await answerMessage(text, ctx);
    expect(reply.card, text).toBeDefined();
    expect(reply.text, text).not.toMatch(EMPTY);
  });

  it('links only to files inside the repository', () => {
    const links = [...README.matchAll(/\]\(([^)#]+)[)#]/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(() => readFileSync(new URL(`../${l}`, import.meta.url)), l).not.toThrow();
    expect(README).not.toMatch(/\.\.\/shared/);
  });
});
