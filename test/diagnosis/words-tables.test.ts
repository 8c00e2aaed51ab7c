import { describe, expect, it } from 'vitest';
import { clientMsg, clientWords, grantMsg, providersOf, requirementWords, risksOf } from '../../src/diagnosis/words.ts';
import { render, type Message } from '../../src/i18n/message.ts';

/**
 * words.ts reads every table (grant controls, clients, MFA providers, risk detections) through one
 * lookup of the table's own keys: a raw value that happens to name an Object.prototype member
 * is left as the log wrote it (spaced, for providers and risks), never a function's source.
 */
const en = (v: unknown) => (typeof v === 'string' ? v : render('en', v as Message));

describe("words.ts's tables and inherited names", () => {
  it.each(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'])('%s stays as the log wrote it', (raw) => {
    expect(requirementWords([raw, 'mfa'], 'OR')).toBe(`${raw} or multifactor authentication`);
    expect(grantMsg(raw)).toBe(raw);
    expect(clientWords(raw)).toBe(raw);
    expect(clientMsg(raw)).toBe(raw);
    expect(en(providersOf([raw]))).toBe(raw.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
    expect(en(risksOf([raw, 'passwordSpray']))).toBe(`${raw.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}, password spray`);
  });

  it('a known value still takes its words', () => {
    expect(clientWords('browser')).toBe('a browser');
    expect(en(grantMsg('compliantDevice'))).toBe('a compliant device');
    expect(en(providersOf(['v1ConditionalAccess', 'multiConditionalAccess']))).toBe('Conditional Access');
  });
});
