import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { InMemoryConversationMemory } from '../../src/routes/memory.ts';
import { StoredConversationMemory } from '../../src/routes/memory-stored.ts';
import { FileItemStore, type ItemStore } from '../../src/notify/items.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { validateCard } from '../helpers/validate-card.ts';

/** Follow-ups in one chat on the bundled sample tenant: the last answered question, merged with "and yesterday?", "what about alice?", "why?". */
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41';
const ALICE = '3573f757-6caf-4877-ab67-39fd535f9dac';
const HELPDESK = '00000000-0000-0000-0000-00000000a5e1';

let source: TenantFolderSource;
let base: AnswerContext;
const conversation = { conversationId: 'c1', serviceUrl: 'https://smba.trafficmanager.net/amer/', channelId: 'msteams' };

/** A chat of one asker with a fresh memory (and a clock the test moves). */
function chat(over: Partial<AnswerContext> = {}, clock = { t: 0 }) {
  const memory = new InMemoryConversationMemory({ clock: () => clock.t });
  return { ctx: { ...base, conversation, askerId: HELPDESK, memory, ...over }, clock, memory };
}

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  base = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
});

describe('follow-ups in a chat', () => {
  it('"why did bob fail", "and yesterday?", "what about alice?": the same question for the new window, then the new person', async () => {
    const { ctx } = chat();
    const first = await answerMessage('why did bob fail', ctx);
    expect(first.command).toMatchObject({ intent: 'diagnose', userId: BOB });

    const yesterday = await answerMessage('and yesterday?', ctx);
    expect(yesterday.command).toMatchObject({
      intent: 'diagnose',
      userId: BOB,
      timeText: 'yesterday',
      since: '2026-11-20T00:00:00.000Z',
      until: '2026-11-21T00:00:00.000Z',
    });
    expect(validateCard(yesterday.card!)).toEqual([]);
    expect(yesterday.text).toBe((await answerMessage('why did bob fail yesterday', base)).text);

    const alice = await answerMessage('what about alice?', ctx);
    expect(alice.command).toMatchObject({ intent: 'diagnose', userId: ALICE, userDisplayName: 'Alice Nguyen', timeText: 'yesterday' });
    expect(alice.text).toBe((await answerMessage('why did alice fail yesterday', base)).text);
  });

  it('"what about last week?" and "and bob?" after a list', async () => {
    const { ctx } = chat();
    await answerMessage('show alice sign-ins today', ctx);
    const week = await answerMessage('what about last week?', ctx);
    expect(week.command).toMatchObject({ intent: 'list', userId: ALICE, timeText: 'last week' });
    const bob = await answerMessage('and bob?', ctx);
    expect(bob.command).toMatchObject({ intent: 'list', userId: BOB, timeText: 'last week' });
    // "why?" after one person's list: diagnose them in that window.
    const why = await answerMessage('why?', ctx);
    expect(why.command).toMatchObject({ intent: 'diagnose', userId: BOB, timeText: 'last week' });
    expect(why.text).toBe((await answerMessage('why did bob fail last week', base)).text);
  });

  it('"who failed to sign in today" then "why?" asks which person', async () => {
    const { ctx } = chat();
    const list = await answerMessage('who failed to sign in today', ctx);
    expect(list.command!.intent).toBe('failures');
    const why = await answerMessage('why?', ctx);
    expect(why.text).toMatch(/Which one do you mean\?/);
    expect(validateCard(why.card!)).toEqual([]);
    // Then a person: their own sign-ins in the same window.
    const alice = await answerMessage('what about alice?', ctx);
    expect(alice.command).toMatchObject({ intent: 'list', userId: ALICE, timeText: 'today' });
  });

  it('a follow-up with nothing remembered gets help, never a lookup of a stray word', async () => {
    for (const ctx of [chat().ctx, base]) {
      for (const m of ['and yesterday?', 'what about alice?', 'why?']) {
        const r = await answerMessage(m, ctx);
        expect(r.text, m).toMatch(/^There is no earlier question of yours in this chat to follow up/);
        expect(validateCard(r.card!)).toEqual([]);
      }
    }
    // A stray word after a real question: help that says what to ask.
    const { ctx } = chat();
    await answerMessage('why did bob fail', ctx);
    const stray = await answerMessage('and dave?', ctx);
    expect(stray.text).toMatch(/could not tell which person, time or app/);
    // A message that is not a follow-up is read as it stands, memory or not.
    expect((await answerMessage('why did alice fail', ctx)).command).toMatchObject({ intent: 'diagnose', userId: ALICE });
  });

  it('expires: after 30 minutes there is nothing to follow', async () => {
    const { ctx, clock } = chat();
    await answerMessage('why did bob fail', ctx);
    clock.t += 29 * 60_000;
    expect((await answerMessage('and yesterday?', ctx)).command).toMatchObject({ userId: BOB, timeText: 'yesterday' });
    clock.t += 31 * 60_000;
    expect((await answerMessage('what about alice?', ctx)).text).toMatch(/^There is no earlier question/);
  });

  it("two askers in one conversation do not see each other's memory", async () => {
    const { ctx } = chat();
    await answerMessage('why did bob fail', ctx);
    const other = { ...ctx, askerId: '00000000-0000-0000-0000-0000000000b2' };
    expect((await answerMessage('and yesterday?', other)).text).toMatch(/^There is no earlier question/);
    expect((await answerMessage('and yesterday?', ctx)).command).toMatchObject({ userId: BOB });
  });

  it("a limited asker's follow-up about someone else is refused, and a refusal is not remembered", async () => {
    const { ctx } = chat({ askerId: BOB, access: { kind: 'limited', why: 'Not the helpdesk.' } });
    const own = await answerMessage("why can't I sign in", ctx);
    expect(own.command).toMatchObject({ intent: 'diagnose', user: BOB });
    const alice = await answerMessage('what about alice?', ctx);
    expect(alice.command).toMatchObject({ intent: 'diagnose', userId: ALICE });
    expect(alice.text).toBe('Not the helpdesk.');
    expect(JSON.stringify(alice.card)).not.toContain('Alice');
    // The refused question is not what "and yesterday?" follows: it is their own again.
    expect((await answerMessage('and yesterday?', ctx)).command).toMatchObject({ intent: 'diagnose', user: BOB, timeText: 'yesterday' });
  });
});

describe('the memory in storage', () => {
  it('"and yesterday?" on another instance (or after a restart) follows the question the first answered', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'follow-up-'));
    try {
      const instance = () => ({ ...base, conversation, askerId: HELPDESK, memory: new StoredConversationMemory(new FileItemStore(folder), () => {}) });
      await answerMessage('why did bob fail', instance());
      const yesterday = await answerMessage('and yesterday?', instance());
      expect(yesterday.command).toMatchObject({ intent: 'diagnose', userId: BOB, timeText: 'yesterday' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a memory store that fails', () => {
  /** Storage that refuses every call, as a blob container does when its credentials lapse. */
  const broken: ItemStore = {
    where: 'https://example.blob.core.windows.net/signin-diag/memory/',
    read: () => Promise.reject(new Error('403 AuthorizationFailure')),
    write: () => Promise.reject(new Error('403 AuthorizationFailure')),
    remove: () => Promise.reject(new Error('403 AuthorizationFailure')),
    expired: () => Promise.reject(new Error('403 AuthorizationFailure')),
  };

  it('does not fail the turn: the question is answered, the follow-up is read as if nothing was remembered, and both are logged', async () => {
    const lines: string[] = [];
    const memory = new StoredConversationMemory(broken, (l) => lines.push(l));
    const ctx = { ...base, conversation, askerId: HELPDESK, memory };
    const first = await answerMessage('why did bob fail', ctx);
    expect(first.text).toBe((await answerMessage('why did bob fail', base)).text);
    expect(lines.join('\n')).toMatch(/chat memory: could not write .*403 AuthorizationFailure/);
    const follow = await answerMessage('and yesterday?', ctx);
    expect(follow.text).toMatch(/^There is no earlier question of yours in this chat to follow up/);
    expect(lines.join('\n')).toMatch(/chat memory: could not read .* as if nothing was remembered: 403 AuthorizationFailure/);
  });
});

describe('the in-memory conversation memory', () => {
  it('keeps at most maxConversations, dropping the least recently used', async () => {
    const m = new InMemoryConversationMemory({ maxConversations: 2, clock: () => 0 });
    await m.set('a', { intent: 'list' });
    await m.set('b', { intent: 'diagnose' });
    expect(await m.get('a')).toEqual({ intent: 'list' });
    await m.set('c', { intent: 'lockouts' });
    expect(await m.get('b')).toBeUndefined();
    expect(await m.get('a')).toEqual({ intent: 'list' });
    expect(m.size).toBe(2);
  });
});
