import type { Diagnosis, Finding, PolicyReport } from '../diagnosis/types.ts';
import { links } from '../diagnosis/links.ts';
import { fixToPreview } from '../diagnosis/what-if.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import { placeOf, type SignIn } from '../signins/signin.ts';
import { md, mdLink } from './markdown.ts';
import { renderCard, type Card } from './render.ts';
import { windowBefore } from '../instants.ts';
import { remediationButtons } from './remediate-buttons.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { render, wordsOf, type Said } from '../i18n/message.ts';
import { keepWhole, mdT, scenarioTitle, whoLabel } from './localized.ts';

/** The diagnosis card: what happened, the facts, the policies, the findings, what to do. */

/** Policies worth a line on a card: the ones that acted or would have; the rest are counted. */
function policyLines(policies: PolicyReport[], locale: Locale) {
  const shown = policies.filter((p) => ['failure', 'success', 'reportOnlyFailure', 'reportOnlyInterrupted'].includes(p.result)).slice(0, 6);
  const lines = shown.map((p) => {
    const met = p.conditions.filter((c) => c.met === true).map((c) => (c.reasonMsg ? render(locale, c.reasonMsg) : c.reason));
    return {
      line: md`**${p.displayName}** — ${p.summaryMsg ? render(locale, p.summaryMsg) : p.summary}`,
      // Words say what each policy did; colour only marks report-only lines. Teams' red, green and yellow text
      // fail WCAG AA on its own backgrounds (red on dark 3.2:1, green and yellow on white ≤ 2:1); its accent passes in every theme.
      color: p.reportOnly ? 'Accent' : 'Default',
      // The failed control is already in the assessment; here, why the policy applied.
      why: met.length ? t(locale, 'diagnosis.appliedBecause', { reasons: met.join('; ') }) : '',
    };
  });
  const rest = policies.length - shown.length;
  if (rest > 0) lines.push({ line: mdT(locale, 'diagnosis.otherPolicies', { count: rest }), color: 'Default', why: '' });
  return lines;
}

/** Another group of the person's failures in the same window (see chooseAttempt), offered with a Diagnose button. */
export interface OtherCause extends Said {
  /** One line from the engine: how many, what, from where, why it is put there, when (times in UTC, localised here); `msg` the same line as a message. */
  text: string;
  /** The newest attempt of the group: what its button diagnoses. */
  correlationId: string;
  count: number;
}

/**
 * Findings that change what the reader does next come first, so the card's cut never drops
 * them: someone else has the password, an emergency account was used, the tenant changed.
 */
function importance(f: Finding): number {
  if (f.kind === 'compromise' || f.kind === 'break-glass') return 0;
  if (f.kind === 'tenant-now') return 1;
  if (f.kind === 'what-changed' && Array.isArray(f.data?.tenant) && f.data.tenant.length) return 1;
  if (f.kind === 'mfa-claim') return 2;
  return 3;
}

const MAX_FINDINGS = 6;

/** What a "why did X fail" card adds: the other groups of failures, and how the one shown was chosen. */
export interface OtherCauses {
  /** "The newest of their own failures": why the attempt above was the one diagnosed. */
  intro: string;
  shown: readonly OtherCause[];
  /** Groups beyond those shown. */
  more: number;
}

/** "This is part of an incident affecting 7 people", and what its button sends to find it again (routes/common/incidents.ts). */
export interface IncidentLine {
  text: string;
  show: { since: string; until: string; eventId: string };
}

/** The card's headings and buttons in the asker's language (the template binds them: cards/diagnosis.json). */
const labels = (locale: Locale) => ({
  otherFailures: t(locale, 'diagnosis.label.otherFailures'),
  conditionalAccess: t(locale, 'diagnosis.label.conditionalAccess'),
  found: t(locale, 'diagnosis.label.found'),
  todo: t(locale, 'diagnosis.label.todo'),
  notCertain: t(locale, 'diagnosis.label.notCertain'),
  correlationId: keepWhole(t(locale, 'diagnosis.label.correlationId'), locale),
  requestId: keepWhole(t(locale, 'diagnosis.label.requestId'), locale),
  timeUtc: keepWhole(t(locale, 'diagnosis.label.timeUtc'), locale),
  supportRequest: keepWhole(t(locale, 'diagnosis.label.supportRequest'), locale),
  didThisHelp: t(locale, 'diagnosis.label.didThisHelp'),
  yes: t(locale, 'diagnosis.label.yes'),
  no: t(locale, 'diagnosis.label.no'),
  allAttempts: t(locale, 'diagnosis.label.allAttempts'),
  whatIf: t(locale, 'diagnosis.label.whatIf'),
  showIncident: t(locale, 'diagnosis.label.showIncident'),
  openTicket: t(locale, 'diagnosis.label.openTicket'),
  escalate: t(locale, 'diagnosis.label.escalate'),
  pasteIntro: t(locale, 'diagnosis.label.pasteIntro'),
  newSupportRequest: t(locale, 'diagnosis.newSupportRequest'),
});

/**
 * The listing a "why did X fail" card was drawn from: the question's filters and its window, as
 * absolute times. The buttons that redraw the card in place (feedback, remediation) send it back,
 * so the press reads the same attempts again and the card keeps its other causes. It only says
 * where to look: whom the card may show is checked against what that reading loads.
 */
export interface CardListing {
  since: string;
  until: string;
  user?: string;
  app?: string;
  apps?: string[];
  appText?: string;
  ip?: string;
  errorCode?: number;
  /** The window is the look-back (nothing in the usual one): the card says so above the assessment. */
  lookedBack?: boolean;
}

/** What a diagnosis card may carry besides the diagnosis: the thanks after feedback, the person's other causes, the incident it is part of, the language. */
export interface DiagnosisCardOptions {
  /** The line the press that drew this card says (thanks for feedback, a remediation's outcome). */
  feedback?: string;
  others?: OtherCauses;
  incident?: IncidentLine;
  locale?: Locale;
  /** Why an attempt days old is the one shown ("Nothing to Outlook in the last 48 hours…"), in the asker's language. */
  lookBack?: string;
  /** What has been done about this attempt already (its ticket, remediations), read from their stores on every drawing. */
  done?: readonly string[];
  /** The listing the card came from, for the buttons that redraw it (see CardListing). */
  listing?: CardListing;
}

export function diagnosisCardData(d: Diagnosis, decisive: SignIn | undefined, timeZone: string, options: DiagnosisCardOptions = {}) {
  const { feedback = '', others, incident, locale = 'en', lookBack = '', done = [], listing } = options;
  // The buttons that redraw this card carry where its other causes were found (absent: nothing to find again).
  const redraw = listing ? { listing } : {};
  const failed = d.scenario !== 'success';
  const when = (iso: string) => formatInTimeZone(iso, timeZone, locale);
  const local = (text: string) => localizeTimes(text, timeZone, locale);
  // An engine part in the reader's language (its message, where the engine gave one), times made local.
  const words = (x: Said) => local(wordsOf(locale, x));
  // Fact titles, kept whole in a narrow column (keepWhole).
  const fact = (
    key:
      | 'diagnosis.fact.user'
      | 'diagnosis.fact.app'
      | 'diagnosis.fact.resource'
      | 'diagnosis.fact.time'
      | 'diagnosis.fact.location'
      | 'diagnosis.fact.device'
      | 'diagnosis.fact.client'
      | 'diagnosis.fact.result',
  ) => keepWhole(t(locale, key), locale);
  const compliance =
    decisive?.deviceDetail?.isCompliant === true ? 'diagnosis.compliant' : decisive?.deviceDetail?.isCompliant === false ? 'diagnosis.notCompliant' : undefined;
  const place = placeOf(decisive);
  const device = [decisive?.deviceDetail?.displayName, decisive?.deviceDetail?.operatingSystem, decisive?.deviceDetail?.browser].filter(Boolean).join(' · ');
  const facts = [
    { title: fact('diagnosis.fact.user'), value: `${d.user.displayName ?? ''} (${d.user.userPrincipalName ?? d.user.id})`.trim() },
    { title: fact('diagnosis.fact.app'), value: d.app.displayName ?? d.app.id ?? t(locale, 'diagnosis.unknownApp') },
    ...(d.app.resource && d.app.resource !== d.app.displayName ? [{ title: fact('diagnosis.fact.resource'), value: d.app.resource }] : []),
    { title: fact('diagnosis.fact.time'), value: when(d.time) },
    ...(place || decisive?.ipAddress ? [{ title: fact('diagnosis.fact.location'), value: [place, decisive?.ipAddress].filter(Boolean).join(' — ') }] : []),
    ...(device ? [{ title: fact('diagnosis.fact.device'), value: compliance ? t(locale, compliance, { device }) : device }] : []),
    ...(decisive?.clientAppUsed ? [{ title: fact('diagnosis.fact.client'), value: decisive.clientAppUsed }] : []),
    // The code as text: an error number is not a quantity to group ("53,003").
    {
      title: fact('diagnosis.fact.result'),
      value: d.errorCode === 0 ? t(locale, 'diagnosis.success') : t(locale, 'diagnosis.failed', { code: String(d.errorCode) }),
    },
  ];
  // An emergency-access account signing in is news even when it succeeds: no green "all is well" header.
  const breakGlass = d.findings.some((f) => f.kind === 'break-glass');
  return {
    labels: labels(locale),
    title: breakGlass && !failed ? t(locale, 'diagnosis.breakGlassTitle') : scenarioTitle(d, locale),
    subtitle: `${d.user.displayName ?? d.user.userPrincipalName ?? ''} · ${d.app.displayName ?? ''} · ${when(d.time)}`,
    headerStyle: failed ? 'attention' : breakGlass ? 'warning' : 'good',
    lookBack,
    assessment: words({ text: d.assessment, msg: d.assessmentMsg }),
    facts,
    policies: policyLines(d.policies, locale),
    // A finding the assessment already says in full is not said twice.
    findings: d.findings
      .filter((f) => (f.kind !== 'report-only' || d.scenario === 'success') && !d.assessment.includes(f.text))
      .map((f, i) => ({ f, i }))
      .sort((a, b) => importance(a.f) - importance(b.f) || a.i - b.i)
      .slice(0, MAX_FINDINGS)
      .map(({ f }) => words(f)),
    otherCauses: (others?.shown ?? []).map((o) => ({
      text: words(o),
      correlationId: o.correlationId,
      button: o.count === 1 ? t(locale, 'diagnosis.diagnoseIt') : t(locale, 'diagnosis.diagnoseNewest'),
    })),
    othersIntro: others?.intro ?? '',
    incident: incident ? { text: local(incident.text), show: incident.show } : '',
    moreOthers: others && others.more > 0 ? t(locale, 'diagnosis.moreOthers', { count: others.more }) : '',
    // The link is ours (an Entra admin center page); the sentence may carry names from the log.
    actions: d.actions.map((a) => ({
      who: whoLabel(a.who, locale),
      // "Open" makes the link's label (a page's name: "The user in the Entra admin center") part of a sentence, not left dangling.
      text: a.link
        ? mdT(locale, 'diagnosis.open', { text: words(a), link: mdLink(a.link.titleMsg ? render(locale, a.link.titleMsg) : a.link.title, a.link.url) })
        : words(a),
    })),
    // What the helpdesk can do from here, one button each, saying what and to whom (issue 22).
    remediations: remediationButtons(d, locale).map((b) => ({ ...b, data: { correlationId: b.correlationId, remediation: b.id, ...redraw } })),
    gaps: d.gaps.map((g) => words(g)),
    support: {
      correlationId: d.support.correlationId || t(locale, 'diagnosis.none'),
      requestId: d.support.requestId,
      time: t(locale, 'diagnosis.utcTime', { time: new Date(d.support.time).toISOString().slice(0, 19).replace('T', ' ') }),
      advice: t(locale, d.support.warranted ? 'diagnosis.warranted' : 'diagnosis.notNeeded', {
        reason: wordsOf(locale, { text: d.support.reason, msg: d.support.reasonMsg }),
      }),
      // The template offers "Escalate to Microsoft" only when a request is warranted: the ids as support asks for them, to paste, and the portal's form.
      warranted: d.support.warranted,
      // "Open a ticket" needs the attempt's id (the shown "(none)" is in the asker's language, so the template tests this instead).
      ticket: !!d.support.correlationId,
      url: d.support.url,
      paste: supportPaste(d),
    },
    // Links to the portal are links, not buttons: the button row keeps to what acts in the chat, and fits 320 px.
    portalLinks: mdLink(t(locale, 'diagnosis.signInLogsInEntra'), links.signInLogs()),
    // The attempts of the two days before this one: the window a helpdesk looks at for a pattern.
    showAttempts: { userId: d.user.id, ...windowBefore(d.time, 48) },
    feedback,
    done,
    helpful: {
      yes: { correlationId: d.support.correlationId, helpful: true, ...redraw },
      no: { correlationId: d.support.correlationId, helpful: false, ...redraw },
    },
    // "What if fixed?": the change the diagnosis worked out (fixPreview), checked against every policy.
    // Not for a likely compromise: the fix is the password, and another client would only be another way in.
    whatIf: (() => {
      const change =
        d.correlationId && !d.findings.some((f) => f.kind === 'compromise')
          ? fixToPreview(
              d.scenario,
              d.policies.filter((p) => p.result === 'failure').flatMap((p) => p.grantControls),
              d.fixPreview,
            )
          : undefined;
      return change ? { correlationId: d.correlationId, change } : '';
    })(),
    // When no one change is enough, the card says so before the button is pressed.
    fixNote:
      d.correlationId && d.fixPreview && !d.fixPreview.single
        ? t(locale, 'diagnosis.fixNote', { words: d.fixPreview.words, summary: d.fixPreview.summary })
        : '',
  };
}

/**
 * Kept in English in every language: these lines go to Microsoft support, whose engineers read the ids by these names.
 * What Microsoft's support request asks for a sign-in problem, one line each, ready to paste
 * (its form cannot be prefilled by URL, and Teams gives a bot no clipboard action).
 */
function supportPaste(d: Diagnosis): string[] {
  return [
    `Sign-in failure: ${d.errorCode === 0 ? 'no error' : `AADSTS${d.errorCode}`}`,
    `Correlation ID: ${d.support.correlationId || '(none)'}`,
    `Request ID: ${d.support.requestId}`,
    `Timestamp (UTC): ${new Date(d.support.time).toISOString()}`,
    `User: ${d.user.userPrincipalName ?? d.user.displayName ?? ''} (object id ${d.user.id})`,
    `App: ${d.app.displayName ?? d.app.id ?? 'unknown'}${d.app.id ? ` (app id ${d.app.id})` : ''}`,
    `Diagnosis: ${d.title}. ${d.support.reason}.`,
  ];
}

export function diagnosisCard(d: Diagnosis, decisive: SignIn | undefined, timeZone: string, options: DiagnosisCardOptions = {}): Card {
  return renderCard('diagnosis', diagnosisCardData(d, decisive, timeZone, options));
}
