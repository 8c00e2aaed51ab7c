import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, fitCard, type AnswerContext } from '../../src/routes/index.ts';
import { noticeCard } from '../../src/cards/simple-cards.ts';
import { renderCard } from '../../src/cards/render.ts';
import { Command } from '../../src/conversation/command.ts';
import { parseMessage } from '../../src/conversation/parse.ts';
import { csvToSignIns } from '../../src/signins/tenant-folder/csv.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { signIn } from '../helpers/tenant-folder.ts';

/**
 * Hostile input: the parser, the tenant-folder reader and the card renderer never throw,
 * and a corpus of 10,000 generated messages (real questions, typos, markup, injection
 * attempts, binary noise) all get a valid card or text.
 */
let ctx: AnswerContext;
/** Generated corpora are bounded by count, never by the clock; this limit only catches a hang. */
const LONG = 240_000;
beforeAll(() => {
  const source = openSource(undefined);
  ctx = { source, now: source.asOf()!, timeZone: 'America/Los_Angeles', appNames: source.appNames(), allUsers: source.allUsers() };
});

const noise = fc.string({ unit: 'binary', maxLength: 200 });
const hostile = fc.constantFrom(
  "o'brien",
  "bob' or 1 eq 1",
  '${user.password}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '<at>Sign-in Diagnostics</at>',
  '"; DROP TABLE',
  '\u202eevil',
  '\u0000',
  '🙂🙃',
  'Zoë Ångström',
  '%00',
  '../../etc/passwd',
  'a'.repeat(300),
  '| take 1000000',
  'AADSTS',
  '-1',
  '99999999999999999999',
);
const who = fc.oneof(
  fc.constantFrom(
    'bob',
    'megan',
    'alex',
    'Bob Kelly',
    'bob.kelly@contoso.com',
    'grady',
    'joni.sherman@contoso.com',
    'ana.souza@fabrikam.com',
    'bbo',
    'nobody',
    'MEGAN',
    'adele vance',
  ),
  hostile,
  noise,
);
const app = fc.oneof(fc.constantFrom('Salesforce', 'Outlook', 'Microsoft Teams', 'SharePoint', 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', 'the portal'), hostile);
const time = fc.constantFrom(
  '',
  ' yesterday',
  ' this morning',
  ' between 9 and 11am',
  ' on Tuesday',
  ' around 3pm',
  ' in the last 2 hours',
  ' since 2099-13-45',
  ' at 25:99',
  ' last 100000 hours',
  ' before the dawn of time',
);
const code = fc.oneof(fc.integer({ min: -10, max: 10_000_000 }).map(String), fc.constantFrom('AADSTS50126', 'aadsts53003', '5OO53', '0x80070005'));
const question = fc.oneof(
  fc.tuple(who, time).map(([w, t]) => `why did ${w} fail to sign in${t}`),
  fc.tuple(who, app, time).map(([w, a, t]) => `show ${w}'s sign-ins to ${a}${t}`),
  code.map((c) => `what does ${c} mean`),
  time.map((t) => `is anyone locked out${t}`),
  fc
    .tuple(who, app, fc.constantFrom('an unmanaged iPhone', 'Brazil', 'a compliant device with MFA', 'the office network', 'Mars'))
    .map(([w, a, c]) => `what if ${w} signs in to ${a} from ${c}`),
  fc.constantFrom('check my policies', 'help', 'notify this channel about lockouts', 'stop lockout notifications', 'show flagged sign-ins', ''),
  fc
    .tuple(fc.constantFrom('correlation id ', 'request id ', 'from ip '), fc.oneof(fc.uuid(), hostile, fc.ipV4(), fc.ipV6()))
    .map(([k, v]) => `why did ${k}${v} fail`),
  noise,
);
/** Typing as people do: random case, a dropped or doubled letter, Teams markup around it. */
const message = fc.tuple(question, fc.integer({ min: 0, max: 5 }), fc.nat(), fc.boolean()).map(([q, how, at, shout]) => {
  const i = q.length ? at % q.length : 0;
  const typo = how === 1 ? q.slice(0, i) + q.slice(i + 1) : how === 2 ? q.slice(0, i) + q[i] + q.slice(i) : q;
  const wrapped = how === 3 ? `<at>Sign-in Diagnostics</at> ${typo}` : how === 4 ? `<p>${typo}</p>&nbsp;` : typo;
  return shout ? wrapped.toUpperCase() : wrapped;
});

describe('the parser', () => {
  it('never throws, and always returns a valid command (any Unicode, any length)', { timeout: LONG }, () => {
    fc.assert(
      fc.property(fc.oneof(message, noise, fc.string({ unit: 'grapheme', maxLength: 3000 })), (text) => {
        const c = parseMessage(text, { now: ctx.now, timeZone: ctx.timeZone, appNames: ctx.appNames });
        expect(Command.safeParse(c).success).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

describe('the card renderer', () => {
  it('renders any text a record could carry into a valid card, with no binding left', { timeout: LONG }, () => {
    fc.assert(
      fc.property(
        fc.oneof(hostile, noise, fc.string({ unit: 'grapheme', maxLength: 500 })),
        fc.array(fc.oneof(hostile, noise), { maxLength: 5 }),
        (title, lines) => {
          expect(validateCard(noticeCard(title, lines, 'Warning'))).toEqual([]);
          const card = renderCard('help', { title, unclear: true, understood: lines.join(', '), examples: lines.map((l) => ({ text: l })) });
          expect(JSON.stringify(card)).not.toContain('${');
        },
      ),
      { numRuns: 1000, seed: 11 },
    );
  });

  it('a card over the 28 KB budget is replaced by one that says so', () => {
    const big = noticeCard(
      'Lots',
      Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(80)}`),
    );
    const fitted = fitCard({ text: 'The answer in one line.', card: big });
    expect(validateCard(fitted.card!)).toEqual([]);
    expect(JSON.stringify(fitted.card)).toMatch(/This answer is too large for a card.*The answer in one line.*Teams cards hold 28 KB/);
  });
});

describe('the tenant-folder reader', () => {
  const valid = fc.constant(null).map(() => JSON.stringify(signIn()));
  const line = fc.oneof(
    valid,
    valid.map((v) => v.slice(0, Math.floor(v.length / 2))),
    noise,
    fc.json(),
    fc.constantFrom('{}', '[]', 'null', '{"id": 5}', '{"createdDateTime": "yesterday"}', '\uFEFF{', '}}}}'),
  );
  it('never throws on hostile NDJSON, JSON and CSV; good records are kept and bad ones reported', { timeout: LONG }, () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('ndjson', 'json', 'csv'), (lines, kind) => {
        const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
        const body =
          kind === 'json' ? `{"value": [${lines.join(',')}]}` : kind === 'csv' ? `Date (UTC),Request ID,User ID,Status\n${lines.join('\n')}` : lines.join('\n');
        writeFileSync(join(dir, `signIns.${kind === 'csv' ? 'csv' : kind}`), body);
        writeFileSync(join(dir, 'users.json'), noiseFile(lines));
        const source = new TenantFolderSource(dir);
        const events = source.querySync({ limit: 100 }, { cache: false }).events;
        if (kind === 'ndjson') {
          const good = lines.filter((l) => l.startsWith('{"id":"00000000-0000-4000-8000-') && l.endsWith('}')).length;
          expect(events.length).toBe(good);
          expect(source.loadProblems().length).toBeGreaterThanOrEqual(
            lines.filter((l) => l.trim() && !(l.startsWith('{"id":"00000000-0000-4000-8000-') && l.endsWith('}'))).length > 0 ? 1 : 0,
          );
        }
        csvToSignIns(body, 'x.csv');
      }),
      { numRuns: 150, seed: 3 },
    );
  });
});
const noiseFile = (lines: string[]) => (lines[0] ?? '') + '{"value": [';

describe('a corpus of 10,000 generated messages', () => {
  const corpus = fc.sample(message, { numRuns: 10_000, seed: 2026 });
  for (let part = 0; part < 10; part++) {
    // Bounded by count; a part takes 5–12 s alone and two or three times that on a busy machine.
    it(`part ${part + 1} of 10: every message gets a valid card or text, none throws`, { timeout: LONG }, async () => {
      const failures: string[] = [];
      for (const text of corpus.slice(part * 1000, (part + 1) * 1000)) {
        try {
          const r = await answerMessage(text, ctx);
          if (typeof r.text !== 'string' || !r.text.trim()) failures.push(`${JSON.stringify(text)}: no text`);
          if (r.card) for (const p of validateCard(r.card)) failures.push(`${JSON.stringify(text)}: ${p}`);
        } catch (e) {
          failures.push(`${JSON.stringify(text)}: threw ${(e as Error).message}`);
        }
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});
