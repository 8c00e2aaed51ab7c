import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { delegatedTokenFor, type RemedyHost } from '../../src/bot/delegated-token.ts';

/** Why the bot has no token of the presser's to act with is said in the presser's Teams language. */
const host = (over: Partial<RemedyHost> = {}) => ({ shared: {} as RemedyHost['shared'], connectionName: '', ...over }) as RemedyHost;
const turn = (locale: string) =>
  ({ activity: { locale, value: {}, from: { id: 'u1' }, channelId: 'msteams' }, turnState: new Map(), adapter: {} }) as unknown as TurnContext;

describe('the presser has no delegated token', () => {
  it('not set up: English for an English Teams, German for a German one', async () => {
    expect(await delegatedTokenFor(host(), turn('en-US'))()).toEqual({
      missing: expect.stringMatching(/^This deployment cannot act with your rights yet: the bot has no OAuth connection/),
    });
    const de = (await delegatedTokenFor(host(), turn('de-DE'))()) as { missing: string };
    expect(de.missing).toMatch(/^Diese Bereitstellung kann noch nicht mit Ihren Rechten handeln/);
  });

  it('no single sign-on token from Teams: Japanese; the exchange refused: French, with Entra’s reason as it is', async () => {
    const exchange = async () => {
      throw new Error('AADSTS65001: The user or administrator has not consented');
    };
    const ja = (await delegatedTokenFor(host({ connectionName: 'sso', exchange }), turn('ja-JP'))()) as { missing: string };
    expect(ja.missing).toMatch(/^操作に使えるあなたのサインインがありません/);
    const carried = {
      ...turn('fr-FR'),
      activity: { locale: 'fr-FR', value: { authentication: { token: 'sso-token' } }, from: { id: 'u1' } },
    } as unknown as TurnContext;
    const fr = (await delegatedTokenFor(host({ connectionName: 'sso', exchange }), carried)()) as { missing: string };
    expect(fr.missing).toBe(
      "Entra n'a pas délivré de jeton au bot en votre nom : AADSTS65001: The user or administrator has not consented. Rien n'a été modifié.",
    );
  });
});
