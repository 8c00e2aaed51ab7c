import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { SignInBot } from '../../src/bot/signin-bot.ts';
import { loadConfig } from '../../src/config.ts';
import { openSource } from '../../src/sources.ts';
import { t } from '../../src/i18n/translate.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { Playground, cardOf, freePort } from './playground.ts';

/**
 * Issue 21: one question in each of the five languages, through the Agents Playground, with
 * `activity.locale` as Teams sends each person's language ("de-DE"). The Playground's own chat
 * box always says "en-US", so the message goes through its "Mock an activity" feature.
 */
let server: RunningServer;
let playground: Playground;

beforeAll(async () => {
  const source = openSource(undefined);
  const config = { ...loadConfig({ SIGNIN_DIAG_ENV: 'local' }), PORT: await freePort() };
  const bot = new SignInBot({ source, clock: () => source.asOf()!, appNames: source.appNames(), allUsers: source.allUsers(), log: () => {} });
  server = await startServer(config, bot, () => {});
  playground = new Playground(await freePort(), `${server.url}/api/messages`);
  await playground.start();
}, 90_000);

afterAll(async () => {
  await playground?.stop();
  await server?.close();
});

const QUESTIONS: [Locale, string, string][] = [
  ['en', 'en-US', 'why did bob fail to sign in'],
  ['de', 'de-DE', 'warum konnte bob sich nicht anmelden'],
  ['fr', 'fr-FR', "pourquoi bob n'arrive pas à se connecter"],
  ['es', 'es-ES', 'por qué bob no puede iniciar sesión'],
  ['ja', 'ja-JP', 'bobがサインインできない理由'],
];

describe('the Agents Playground in five languages', () => {
  it.each(QUESTIONS)(
    '%s: the question in that language gets Bob’s diagnosis card in that language',
    async (locale, teamsLocale, question) => {
      {
        const chat = (await playground.config()).personalChat.id;
        await playground.sayIn(chat, question, teamsLocale);
        const card = JSON.stringify(cardOf(await playground.nextCard()));
        // Bob's CA004 block (policy names stay as Entra shows them), under the catalogue's headings for that language.
        expect(card).toContain('CA004: Finance apps require a compliant device');
        expect(card).toContain(JSON.stringify(t(locale, 'diagnosis.label.todo')).slice(1, -1));
        expect(card).toContain(JSON.stringify(t(locale, 'diagnosis.label.conditionalAccess')).slice(1, -1));
        if (locale !== 'en') expect(card).not.toContain(JSON.stringify(t('en', 'diagnosis.label.todo')).slice(1, -1));
      }
    },
    120_000,
  );
});
