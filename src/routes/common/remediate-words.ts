import { REMEDIATIONS } from '../../diagnosis/remediations.ts';
import type { ApprovalView } from '../../cards/remediate-cards.ts';
import type { GraphRemediationId, OutcomeWords, TapValue } from '../../remediate/actions.ts';
import type { RemediationRecord } from '../../remediate/records.ts';
import type { Locale } from '../../i18n/locales.ts';
import { msg, render, type Message } from '../../i18n/message.ts';
import { CATALOGUES, t, type MessageKey } from '../../i18n/translate.ts';

/**
 * The sentences of remediation answers, shared by the press and the approval, in the asker's
 * language. An outcome comes from src/remediate as data (OutcomeWords: which sentence, its
 * values) beside its English; here it becomes `remediation.outcome.<what>`, whose English is the
 * same sentence word for word. A record kept from before has its English only, and says that.
 */

const OUTCOMES = CATALOGUES.en.remediation.outcome as Record<string, unknown>;
const STEPS = new Set(Object.keys(CATALOGUES.en.remediation.outcome.step));

/** The catalogue key of an outcome's words, or undefined for words this version does not know (a record from another). */
function outcomeKey(what: string): MessageKey | undefined {
  const [head, tail] = what.split('.');
  const node = head ? OUTCOMES[head] : undefined;
  if (tail === undefined) return typeof node === 'string' && head !== 'step' ? (`remediation.outcome.${head}` as MessageKey) : undefined;
  return node && typeof node === 'object' && typeof (node as Record<string, unknown>)[tail] === 'string'
    ? (`remediation.outcome.${head}.${tail}` as MessageKey)
    : undefined;
}

/** An outcome's message: its words with the step a refusal names as a phrase; undefined when the words are unknown. */
export function outcomeMsg(says: OutcomeWords | RemediationRecord['says'] | undefined): Message | undefined {
  if (!says) return undefined;
  const key = outcomeKey(says.what);
  if (!key) return undefined;
  const { step, ...values } = says.values;
  if (step === undefined) return msg(key, values);
  if (typeof step !== 'string' || !STEPS.has(step)) return undefined;
  return msg(key, { ...values, step: msg(`remediation.outcome.step.${step}` as MessageKey, { name: String(values.name ?? '') }) });
}

/** An outcome in `locale`: its message, else the English it was kept with. */
export const outcomeLine = (locale: Locale, o: { sentence?: string; says?: OutcomeWords | RemediationRecord['says'] }, fallback = ''): string => {
  const m = outcomeMsg(o.says);
  return m ? render(locale, m) : (o.sentence ?? fallback);
};

/** What a remediation does to whom, as its button says it: "Revoke Megan Bowen's sign-in sessions". */
export const actionWords = (locale: Locale, id: RemediationRecord['remediation'], name: string): string =>
  locale === 'en' ? REMEDIATIONS[id].button(name) : t(locale, `remediation.${id}.button` as MessageKey, { name });

/** What a dry run would do: "revoke sign-in sessions for Megan Bowen". */
export const wouldWords = (locale: Locale, id: GraphRemediationId, name: string): string => t(locale, `reply.remediation.would.${id}` as MessageKey, { name });

/** The pass, for the presser's eyes only: this line is in the invoke response and nowhere else. */
export const tapLine = (name: string, p: TapValue, locale: Locale = 'en'): string =>
  t(locale, 'reply.remediation.tap', {
    name,
    value: p.value,
    minutes: p.lifetimeInMinutes ? String(p.lifetimeInMinutes) : 'none',
    from: p.startDateTime ?? 'none',
  });

/** The approval card's words, for a record in any state; never a pass's value. */
export function approvalView(r: RemediationRecord, pending: boolean, more: string[] = [], locale: Locale = 'en'): ApprovalView {
  const spec = REMEDIATIONS[r.remediation];
  // English says what a run would do in its own words; another language names the action as its button does (remediation.<id>.button).
  const button = actionWords(locale, r.remediation, r.targetName);
  const what = locale !== 'en' ? button : spec.kind === 'graph' ? spec.would(r.targetName) : spec.button(r.targetName);
  const state = t(locale, `remediation.approval.state.${r.state}`);
  return {
    approval: r.key,
    title: pending ? t(locale, 'remediation.approval.needed', { action: button }) : t(locale, 'remediation.approval.stateTitle', { action: button, state }),
    lines: [t(locale, 'remediation.approval.asked', { by: r.requestedBy, action: what }), ...more],
    facts: [
      { title: t(locale, 'remediation.approval.fact.attempt'), value: r.correlationId },
      { title: t(locale, 'remediation.approval.fact.askedBy'), value: r.requestedBy },
      ...(r.approvedBy
        ? [{ title: t(locale, r.state === 'declined' ? 'remediation.approval.fact.declinedBy' : 'remediation.approval.fact.approvedBy'), value: r.approvedBy }]
        : []),
      ...(r.requestId ? [{ title: t(locale, 'remediation.approval.fact.requestId'), value: r.requestId }] : []),
    ],
    pending,
    tone: pending ? 'Warning' : r.state === 'done' || r.state === 'already' ? 'Good' : 'Attention',
  };
}

const whenOf = (rec: RemediationRecord) => `${rec.at.slice(0, 16).replace('T', ' ')} UTC`;

/** A record's outcome as a sentence: its words, else its state ("erledigt"), ended as the language ends one. */
function outcomeOf(rec: RemediationRecord, locale: Locale): string {
  if (locale === 'en') return rec.sentence ?? rec.state;
  const said = outcomeMsg(rec.says);
  if (said) return render(locale, said);
  const state = t(locale, `remediation.approval.state.${rec.state}`);
  return locale === 'ja' ? `${state}。` : `${state}.`;
}

export function blockedSentence(rec: RemediationRecord | undefined, locale: Locale = 'en'): string {
  if (!rec) return t(locale, 'reply.remediation.blocked.busy');
  const when = whenOf(rec);
  if (rec.state === 'pending') return t(locale, 'reply.remediation.blocked.pending', { by: rec.requestedBy, when });
  if (rec.state === 'running') return t(locale, 'reply.remediation.blocked.running', { by: rec.approvedBy ?? rec.requestedBy, when });
  const who = rec.approvedBy
    ? t(locale, rec.state === 'declined' ? 'reply.remediation.who.declined' : 'reply.remediation.who.approved', {
        by: rec.requestedBy,
        approver: rec.approvedBy,
      })
    : t(locale, 'reply.remediation.who.by', { by: rec.requestedBy });
  return t(locale, 'reply.remediation.blocked.answered', { when, who, outcome: outcomeOf(rec, locale) });
}

/** A remediation's record as a line on the diagnosis card it was pressed on: what, in which state, asked (and approved) by whom, when. */
export function doneSentence(rec: RemediationRecord, locale: Locale = 'en'): string {
  const what = actionWords(locale, rec.remediation, rec.targetName);
  const when = whenOf(rec);
  const who = rec.approvedBy
    ? t(locale, rec.state === 'declined' ? 'reply.remediation.who.declined' : 'reply.remediation.who.approved', {
        by: rec.requestedBy,
        approver: rec.approvedBy,
      })
    : t(locale, 'reply.remediation.who.by', { by: rec.requestedBy });
  if (rec.state === 'pending') return t(locale, 'reply.remediation.done.pending', { what, by: rec.requestedBy, when });
  if (rec.state === 'running') return t(locale, 'reply.remediation.done.running', { what, who, when });
  // English keeps its sentence as it was said (its full stop inside the brackets' sentence, as before).
  const outcome = locale === 'en' ? (rec.sentence ?? rec.state) : outcomeOf(rec, locale);
  return t(locale, 'reply.remediation.done.other', { what, outcome, who, when });
}
