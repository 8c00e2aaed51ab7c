import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/conversation/parse.ts';
import { parseWhatIfChange, type WhatIfChange } from '../../src/conversation/what-if-condition.ts';
import { openSource } from '../../src/sources.ts';

/**
 * Issue 21: a what-if asked in German, French, Spanish or Japanese is read as one (the person,
 * and the change after them), and the change is understood as the English one is: platform,
 * device state, network, country, client, MFA, risk.
 */
const folder = openSource(undefined);
const people = folder.allUsers();
const ask = (text: string, locale: string) => parseMessage(text, { now: '2026-11-20T10:00:00Z', appNames: folder.appNames(), people, locale });
const changeOf = (text: string): Omit<WhatIfChange, 'understood'> => {
  const { understood: _u, ...c } = parseWhatIfChange(text);
  return c;
};

describe('what-if questions in other languages', () => {
  it.each([
    ['de-DE', 'was wäre, wenn Grady Archie sich von einem nicht verwalteten iPhone anmelden würde', { platform: 'iOS', device: 'unmanaged' }],
    ['de-DE', 'was wäre wenn grady aus Brasilien käme', { country: 'BR' }],
    ['fr-FR', 'et si Grady Archie se connectait depuis un iPhone non géré', { platform: 'iOS', device: 'unmanaged' }],
    ['fr-FR', 'et si grady utilisait un appareil conforme', { device: 'compliant' }],
    ['es-ES', 'qué pasaría si Grady Archie iniciara sesión desde un iPhone no administrado', { platform: 'iOS', device: 'unmanaged' }],
    ['es-ES', 'y si grady usara un dispositivo compatible', { device: 'compliant' }],
    ['ja-JP', 'Grady Archie が管理されていない iPhone からサインインしたらどうなる', { platform: 'iOS', device: 'unmanaged' }],
    ['ja-JP', 'grady がブラジルからサインインしたら？', { country: 'BR' }],
  ] as const)('%s "%s": the person, and the change', (locale, text, expected) => {
    const c = ask(text, locale);
    expect(c.intent).toBe('what-if');
    expect(c.userDisplayName).toBe('Grady Archie');
    expect(c.condition).toBeTruthy();
    expect(changeOf(c.condition!)).toEqual(expected);
  });
});

describe('the change, read in each language', () => {
  const cases: Record<string, [string, Omit<WhatIfChange, 'understood'>][]> = {
    de: [
      ['auf einem konformen Gerät', { device: 'compliant' }],
      ['von einem privaten Rechner', { platform: 'windows', device: 'unmanaged' }],
      ['von einem in Microsoft Entra Hybrid eingebundenen Rechner', { platform: 'windows', device: 'hybrid' }],
      ['aus dem Büro', { network: 'trusted' }],
      ['aus dem Firmennetz', { network: 'trusted' }],
      ['von zu Hause im Browser', { network: 'untrusted', client: 'browser' }],
      ['mit MFA', { mfa: true }],
      ['ohne MFA', { mfa: false }],
      ['mit hohem Anmelderisiko', { risk: 'high' }],
      ['aus Deutschland über IMAP', { country: 'DE', client: 'other' }],
    ],
    fr: [
      ['sur un appareil conforme', { device: 'compliant' }],
      ['depuis un appareil joint hybride', { device: 'hybrid' }],
      ['depuis l’Allemagne', { country: 'DE' }],
      ['depuis le bureau', { network: 'trusted' }],
      ['depuis un hôtel avec le navigateur', { network: 'untrusted', client: 'browser' }],
      ['avec MFA', { mfa: true }],
      ['sans MFA', { mfa: false }],
      ['avec un risque de connexion élevé', { risk: 'high' }],
      ['depuis un Mac avec l’application mobile Outlook', { platform: 'macOS', client: 'mobileAppsAndDesktopClients' }],
    ],
    es: [
      ['en un dispositivo compatible', { device: 'compliant' }],
      ['desde un equipo unido híbrido', { device: 'hybrid' }],
      ['desde Alemania', { country: 'DE' }],
      ['desde la oficina', { network: 'trusted' }],
      ['desde casa con el navegador', { network: 'untrusted', client: 'browser' }],
      ['con MFA', { mfa: true }],
      ['sin MFA', { mfa: false }],
      ['con riesgo bajo', { risk: 'low' }],
      ['desde un Android personal', { platform: 'android', device: 'unmanaged' }],
    ],
    ja: [
      ['準拠デバイスで', { device: 'compliant' }],
      ['ハイブリッド参加済みのパソコンで', { platform: 'windows', device: 'hybrid' }],
      ['ドイツから', { country: 'DE' }],
      ['インドネシアから', { country: 'ID' }],
      ['オフィスから', { network: 'trusted' }],
      ['自宅からブラウザーで', { network: 'untrusted', client: 'browser' }],
      ['MFA 済みで', { mfa: true }],
      ['MFA なしで', { mfa: false }],
      ['高リスクで', { risk: 'high' }],
    ],
  };
  for (const [lang, list] of Object.entries(cases))
    it.each(list)(`${lang}: "%s"`, (text, expected) => {
      expect(changeOf(text)).toEqual(expected);
    });

  it('a negated state is not its positive: "nicht konform", "non conforme", "no compatible", "準拠していない" are unmanaged', () => {
    for (const text of [
      'von einem nicht konformen Gerät',
      'depuis un appareil non conforme',
      'desde un dispositivo no compatible',
      '準拠していないデバイスから',
    ])
      expect(changeOf(text).device, text).toBe('unmanaged');
  });

  it('the English reading is unchanged', () => {
    expect(changeOf('from an unmanaged iPhone in Brazil with MFA')).toEqual({ platform: 'iOS', device: 'unmanaged', country: 'BR', mfa: true });
    expect(changeOf('on a compliant device from the office')).toEqual({ device: 'compliant', network: 'trusted' });
  });
});
