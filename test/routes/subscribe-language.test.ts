import { describe, expect, it } from 'vitest';
import { NotificationService } from '../../src/notify/service.ts';
import { MemoryNotifyStore } from '../../src/notify/store.ts';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { at, channel, FakeTeams, folder, lockout, newSource, people } from '../notify/fixtures.ts';

/**
 * Issue 21: "notify this channel about lockouts in German" stores German with the subscription,
 * the confirmation says so in the asker's language, and the next lockout alert is German.
 * Asked without a language, the asker's own is stored. The same in the four other languages.
 */
function setup() {
  const source = newSource();
  const teams = new FakeTeams();
  let now = at(0);
  const store = new MemoryNotifyStore();
  const notify = new NotificationService({ source, store, sender: teams, clock: () => now, spacingMs: 0 });
  const ask = (text: string, locale: Locale, id = '19:alerts') => {
    const ctx: AnswerContext = {
      source,
      now,
      timeZone: 'UTC',
      appNames: folder.appNames(),
      allUsers: folder.allUsers(),
      notify,
      conversation: { ...channel(id), where: 'IT › Alerts' },
      asker: 'Miriam Graham',
      locale,
    };
    return answerMessage(text, ctx);
  };
  return { source, teams, notify, ask, setNow: (t: string) => (now = t) };
}

const cardText = (card: unknown) => JSON.stringify(card);

describe('subscribing with a language named', () => {
  it('"notify this channel about lockouts in German", asked in English: stores de, says so in English, and the next alert is German', async () => {
    const s = setup();
    const reply = await s.ask('notify this channel about lockouts in German', 'en');
    expect(reply.command?.intent).toBe('subscribe');
    expect((await s.notify.subscriptions())[0]).toMatchObject({ kind: 'lockouts', language: 'de' });
    expect(cardText(reply.card)).toContain('Lockout alerts are on');
    expect(cardText(reply.card)).toContain('The alerts are written in German, as you asked.');

    s.source.add(lockout(0, 3));
    s.setNow(at(5));
    await s.notify.pollOnce();
    const alert = cardText(s.teams.posts('19:alerts')[0]!.card);
    expect(alert).toContain(`Gesperrt: ${people[0]!.displayName}`);
    expect(alert).not.toContain('Locked out:');
  });

  it.each([
    ['de', 'benachrichtige diesen Kanal über Sperrungen auf Englisch', 'en', 'Sperrwarnungen sind aktiv', 'auf Englisch, wie gewünscht'],
    ['fr', 'avertis ce canal des verrouillages en allemand', 'de', 'Les alertes de verrouillage sont activées', 'en allemand, comme demandé'],
    ['es', 'notifica a este canal sobre bloqueos en japonés', 'ja', 'Las alertas de bloqueo están activadas', 'en japonés, como pidió'],
    ['ja', 'ロックアウトをこのチャネルにスペイン語で通知して', 'es', 'ロックアウト通知をオンにしました', 'ご指定どおり、通知はスペイン語で書かれます。'],
  ] as const)('asked in %s: "%s" stores %s and confirms in the asker\'s language', async (asker, text, stored, title, sentence) => {
    const s = setup();
    const reply = await s.ask(text, asker);
    expect(reply.command?.intent).toBe('subscribe');
    const subs = await s.notify.subscriptions();
    expect(subs).toHaveLength(1);
    // English is stored as no language (the store's default), as before.
    expect(subs[0]!.language ?? 'en').toBe(stored);
    expect(cardText(reply.card)).toContain(title);
    expect(cardText(reply.card)).toContain(sentence);
  });

  it("without a language named, the asker's own is stored and the confirmation says how to choose another", async () => {
    const s = setup();
    const reply = await s.ask('benachrichtige diesen Kanal über Sperrungen', 'de');
    expect((await s.notify.subscriptions())[0]!.language).toBe('de');
    expect(cardText(reply.card)).toContain('Die Warnungen sind auf Deutsch, Ihrer Sprache in Teams');
  });

  it("the stop reply is in the asker's language", async () => {
    const s = setup();
    await s.ask('notify this channel about lockouts in French', 'en');
    const reply = await s.ask('arrête les alertes de verrouillage', 'fr');
    expect(reply.command?.intent).toBe('unsubscribe');
    expect(reply.text).toBe('Je ne publierai plus d’alertes de verrouillage dans IT › Alerts.');
    expect(await s.notify.subscriptions()).toHaveLength(0);
  });
});
