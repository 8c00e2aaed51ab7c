import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { validateCard } from '../helpers/validate-card.ts';

/**
 * "What if fixed?" on the diagnosis card previews the change the diagnosis worked out
 * (fixPreview), and the what-if applies that change itself, not what a parser reads from its
 * words. Names and facts as in test/diagnosis/fix-preview.test.ts.
 */
let ctx: AnswerContext;
beforeAll(() => {
  const source = openSource(undefined) as TenantFolderSource;
  ctx = { source, now: source.asOf()!, timeZone: 'America/Los_Angeles', appNames: source.appNames(), allUsers: source.allUsers() };
});

const whatIfData = (r: Reply) => {
  const m = /"verb":"whatIf","data":(\{[^}]*\})/.exec(JSON.stringify(r.card));
  return m ? (JSON.parse(m[1]!) as { correlationId: string; change: string }) : undefined;
};
const facts = (r: Reply) =>
  Object.fromEntries(
    /"facts":(\[[^\]]*\])/
      .exec(JSON.stringify(r.card))![1]!
      .match(/\{[^}]*\}/g)!
      .map((f) => JSON.parse(f) as { title: string; value: string })
      .map((f) => [f.title, f.value]),
  );

async function preview(question: string) {
  const card = await answerMessage(question, ctx);
  const data = whatIfData(card);
  const result = data ? await answerAction('whatIf', data, ctx) : undefined;
  if (result) expect(validateCard(result.card!)).toEqual([]);
  return { card, data, result };
}

describe('What if fixed? previews the diagnosis’s own fix', () => {
  it("Patti's app-protection failure previews an app with app protection (not a compliant device), and it would pass", async () => {
    const { data, result } = await preview('why did patti fail on wednesday');
    expect(data!.change).toBe('in an app with app protection (such as Outlook mobile)');
    // The parser reads nothing in these words: the pass comes from the diagnosis's structured change.
    expect(result!.text).toMatch(/^It would pass\. Allowed: "CA009: Mobile apps require app protection" applies/);
    const f = facts(result!);
    expect(f['App protection']).toBe('an app with an Intune app protection policy');
    expect(f.Device).toBe('iOS, unmanaged (not registered)');
  });

  it("Alice's country block previews signing in from an allowed country, never the office network with a foreign country", async () => {
    const { data, result } = await preview('why did alice fail on wednesday');
    expect(data!.change).toBe('from the United States');
    expect(result!.text).toMatch(/^It would pass\./);
    expect(facts(result!).From).toMatch(/United States$/);
    expect(JSON.stringify(result!.card)).not.toMatch(/office network|Brazil/);
  });

  it("Bob's compliant-device failure still previews a compliant device", async () => {
    const { data, result } = await preview('why did bob fail to sign in');
    expect(data!.change).toBe('on a compliant device');
    expect(result!.text).toMatch(/^It would pass\./);
  });

  it("Christie's risky sign-in: the card says only the changes together would clear it, and so does the what-if", async () => {
    const { card, data, result } = await preview('diagnose correlation id bda05ce8-c1c0-49d2-b672-d46410e369b0');
    expect(data!.change).toBe('with MFA and with no risk');
    expect(JSON.stringify(card.card)).toContain('What if fixed: with MFA and with no risk. No single change is enough; together they would let it through.');
    expect(result!.text).toMatch(/^It would pass\. Only these changes together would clear it, not any one of them\./);
  });

  it("a likely compromise (Lynne's IMAP) offers no What if fixed?: the fix is the password, not another client", async () => {
    const { card, data } = await preview('why did lynne fail');
    expect(card.text).toMatch(/^Likely compromised/);
    expect(data).toBeUndefined();
  });

  it('forged words on the button are read as words, never as the diagnosis’s change', async () => {
    const { data } = await preview('why did patti fail on wednesday');
    const forged = await answerAction('whatIf', { correlationId: data!.correlationId, change: 'in an app with app protection' }, ctx);
    expect(forged.text).not.toMatch(/^It would pass/);
  });
});

describe('words on the what-if card', () => {
  it('the Client fact is in words, not the raw clientAppType', async () => {
    const r = await answerMessage('what if bob signs in to Salesforce from an unmanaged iPhone', ctx);
    expect(facts(r).Client).toBe('a mobile app or desktop client');
    const browser = await answerAction('whatIf', whatIfData(await answerMessage('why did bob fail to sign in', ctx))!, ctx);
    expect(facts(browser).Client).toBe('a browser');
  });
});
