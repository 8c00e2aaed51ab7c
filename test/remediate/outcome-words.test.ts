import { describe, expect, it } from 'vitest';
import { runRemediation, type GraphRemediationId, type Outcome } from '../../src/remediate/actions.ts';
import type { DelegatedGraph, GraphAnswer } from '../../src/remediate/graph.ts';
import { outcomeLine, outcomeMsg, tapLine } from '../../src/routes/common/remediate-words.ts';
import { render } from '../../src/i18n/message.ts';
import { LOCALES } from '../../src/i18n/locales.ts';

/**
 * Every outcome src/remediate can say, as data (OutcomeWords) beside its English: rendered in
 * English it is the English sentence word for word, and in every other language it is a
 * different sentence with the same names and ids in it.
 */
const USER = 'e5ce903d-b92b-4c11-9d08-3d0adb7ff314';
const target = { id: USER, name: 'Megan Bowen' };
const since = '2026-11-20T09:00:00Z';

/** A Graph answering each call in turn with the given answers. */
const graphOf =
  (...answers: GraphAnswer[]): DelegatedGraph =>
  async () =>
    answers.shift() ?? { status: 500, body: {} };

const ok = (body: unknown, requestId?: string): GraphAnswer => ({ status: 200, body, ...(requestId ? { requestId } : {}) });
const refused: GraphAnswer = {
  status: 403,
  body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
  requestId: 'req-403',
};
const broken: GraphAnswer = { status: 500, body: { error: { code: 'generalException', message: 'Boom.' } } };

const cases: [string, GraphRemediationId, DelegatedGraph][] = [
  ['revoke: refused on the read', 'revokeSessions', graphOf(refused)],
  ['revoke: failed on the write', 'revokeSessions', graphOf(ok({ signInSessionsValidFromDateTime: null }), broken)],
  ['revoke: already', 'revokeSessions', graphOf(ok({ signInSessionsValidFromDateTime: '2026-11-21T00:30:00Z' }))],
  ['revoke: done', 'revokeSessions', graphOf(ok({ signInSessionsValidFromDateTime: null }), ok({ value: true }, 'req-1'))],
  ['revoke: done, no request id', 'revokeSessions', graphOf(ok({ signInSessionsValidFromDateTime: null }), ok({ value: true }))],
  ['tap: already', 'issueTap', graphOf(ok({ value: [{ isUsable: true, createdDateTime: '2026-11-20T08:00:00Z' }] }))],
  ['tap: already, no date', 'issueTap', graphOf(ok({ value: [{ isUsable: true }] }))],
  ['tap: no value', 'issueTap', graphOf(ok({ value: [] }), ok({}, 'req-2'))],
  ['tap: done', 'issueTap', graphOf(ok({ value: [] }), ok({ temporaryAccessPass: 'secret', lifetimeInMinutes: 60, isUsableOnce: true }, 'req-3'))],
  ['tap: done, bare', 'issueTap', graphOf(ok({ value: [] }), ok({ temporaryAccessPass: 'secret' }))],
  ['confirm: already', 'confirmCompromised', graphOf(ok({ riskState: 'confirmedCompromised' }))],
  ['confirm: done', 'confirmCompromised', graphOf(ok({ riskState: 'atRisk' }), ok({}, 'req-4'))],
  ['confirm: refused', 'confirmCompromised', graphOf(ok({ riskState: 'atRisk' }), refused)],
  ['dismiss: already', 'dismissRisk', graphOf(ok({ riskState: 'remediated' }))],
  ['dismiss: done', 'dismissRisk', graphOf(ok({ riskState: 'atRisk' }), ok({}, 'req-5'))],
  ['dismiss: failed', 'dismissRisk', graphOf(ok({ riskState: 'atRisk' }), broken)],
];

describe('remediation outcomes in five languages', () => {
  it.each(cases)('%s', async (_name, id, graph) => {
    const o: Outcome = await runRemediation(id, target, graph, since);
    expect(render('en', outcomeMsg(o.says)!)).toBe(o.sentence);
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const line = outcomeLine(locale, o);
      expect(line).not.toBe(o.sentence);
      expect(line).toContain('Megan Bowen');
      if (o.requestId) expect(line).toContain(o.requestId);
      expect(line).not.toMatch(/\{|\}|remediation\.outcome/);
    }
  });

  it('words this version does not know (a record from another) fall back to the English kept with them', () => {
    expect(outcomeLine('es', { sentence: 'Done in English.', says: { what: 'somethingNew.done', values: {} } })).toBe('Done in English.');
    expect(outcomeLine('es', { sentence: 'Done in English.', says: { what: 'refused', values: { step: 'constructor', name: 'x' } } })).toBe('Done in English.');
  });

  it('the pass line, in English as before and in Spanish', () => {
    const tap = { value: 'Xq7#', lifetimeInMinutes: 60, startDateTime: '2026-11-20T09:00:00Z' };
    expect(tapLine('Nina Patel', tap)).toBe(
      'Temporary Access Pass for Nina Patel: Xq7# (valid 60 minutes from 2026-11-20T09:00:00Z). Shown once, to you only: give it to them directly.',
    );
    expect(tapLine('Nina Patel', { value: 'Xq7#' })).toBe('Temporary Access Pass for Nina Patel: Xq7#. Shown once, to you only: give it to them directly.');
    expect(tapLine('Nina Patel', tap, 'es')).toBe(
      'Pase de acceso temporal para Nina Patel: Xq7# (válido 60 minutos desde 2026-11-20T09:00:00Z). Se muestra una sola vez y solo a usted: entrégueselo directamente.',
    );
  });
});
