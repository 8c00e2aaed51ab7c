import { Command, type Intent } from '../conversation/command.ts';
import { route, type Press, type Route } from './route.ts';
import { help } from './intents/help.ts';
import { ExplainCodeCommand, explainCode } from './intents/explain-code.ts';
import { lockouts } from './intents/lockouts.ts';
import { flagged } from './intents/flagged.ts';
import { whatIf } from './intents/what-if.ts';
import { checkPolicies } from './intents/check-policies.ts';
import { subscribe } from './intents/subscribe.ts';
import { unsubscribe } from './intents/unsubscribe.ts';
import { diagnose } from './intents/diagnose.ts';
import { list } from './intents/list.ts';
import { failures } from './intents/failures.ts';
import { lockState } from './intents/lock-state.ts';
import { policiesFor } from './intents/policies-for.ts';
import { weeklySummary } from './intents/weekly-summary.ts';
import { incidents } from './intents/incidents.ts';
import { DiagnosePayload, onDiagnose } from './buttons/diagnose.ts';
import { ShowAttemptsPayload, onShowAttempts } from './buttons/show-attempts.ts';
import { FeedbackPayload, onFeedback } from './buttons/feedback.ts';
import { PickUserPayload, onPickUser } from './buttons/pick-user.ts';
import { MarkHandledPayload, onMarkHandled } from './buttons/mark-handled.ts';
import { MarkIncidentHandledPayload, onMarkIncidentHandled } from './buttons/mark-incident-handled.ts';
import { WhatIfPayload, onWhatIf } from './buttons/what-if.ts';
import { LockoutsPagePayload, onLockoutsPage } from './buttons/lockouts-page.ts';
import { FailuresPagePayload, onFailuresPage } from './buttons/failures-page.ts';
import { AttemptsPagePayload, onAttemptsPage } from './buttons/attempts-page.ts';
import { ShowSuccessesPayload, onShowSuccesses } from './buttons/show-successes.ts';
import { ShowIncidentPayload, onShowIncident } from './buttons/show-incident.ts';
import { OpenTicketFormPayload, onOpenTicketForm } from './buttons/open-ticket-form.ts';
import { OpenTicketPayload, onOpenTicket } from './buttons/open-ticket.ts';
import { RemediatePayload, onRemediate } from './buttons/remediate.ts';
import { ApproveRemediationPayload, onApproveRemediation } from './buttons/approve-remediation.ts';

/**
 * Everything the bot answers, and who may ask it: one entry per question the parser reads
 * (src/conversation/command.ts) and per button verb the card templates send (cards/*.json).
 * Adding a button is its template, one entry here, and one handler file in buttons/.
 */

/** A question names someone (or an attempt) only by person or id: a list by app or IP alone would be everyone's. */
const namesSomeone = (c: Command): boolean => !!(c.user || c.correlationId || c.requestId);

export const INTENT_ROUTES: Readonly<Record<Intent, Route>> = {
  help: route({ schema: Command, who: 'anyone', handle: help }),
  'explain-code': route({ schema: ExplainCodeCommand, who: 'anyone', handle: explainCode }),
  diagnose: route({ schema: Command, who: 'self-or-helpdesk', pinned: namesSomeone, handle: diagnose }),
  list: route({ schema: Command, who: 'self-or-helpdesk', pinned: namesSomeone, handle: list }),
  'what-if': route({ schema: Command, who: 'self-or-helpdesk', pinned: namesSomeone, handle: whatIf }),
  'lock-state': route({ schema: Command, who: 'self-or-helpdesk', pinned: namesSomeone, handle: lockState }),
  // Tenant-wide views and acts: everyone's lockouts, flagged sign-ins, the policy check, alerts posted to a channel.
  lockouts: route({ schema: Command, who: 'helpdesk', handle: lockouts }),
  flagged: route({ schema: Command, who: 'helpdesk', handle: flagged }),
  failures: route({ schema: Command, who: 'helpdesk', handle: failures }),
  incidents: route({ schema: Command, who: 'helpdesk', handle: incidents }),
  'policies-for': route({ schema: Command, who: 'helpdesk', handle: policiesFor }),
  'check-policies': route({ schema: Command, who: 'helpdesk', handle: checkPolicies }),
  subscribe: route({ schema: Command, who: 'helpdesk', handle: subscribe }),
  unsubscribe: route({ schema: Command, who: 'helpdesk', handle: unsubscribe }),
  // The whole tenant's week in numbers: the helpdesk's, like every tenant-wide view.
  'weekly-summary': route({ schema: Command, who: 'helpdesk', handle: weeklySummary }),
};

export const BUTTONS: readonly (readonly [verb: string, route: Route])[] = [
  ['diagnose', route({ schema: DiagnosePayload, who: 'self-or-helpdesk', asked: (d) => d.correlationId ?? d.userId, handle: onDiagnose })],
  ['showAttempts', route({ schema: ShowAttemptsPayload, who: 'self-or-helpdesk', pinned: (d) => !!d.userId, handle: onShowAttempts })],
  // The sign-in list's pages and its successes toggle: the same question again, so the same check.
  ['attemptsPage', route({ schema: AttemptsPagePayload, who: 'self-or-helpdesk', pinned: (d) => !!d.userId, handle: onAttemptsPage })],
  ['showSuccesses', route({ schema: ShowSuccessesPayload, who: 'self-or-helpdesk', pinned: (d) => !!d.userId, handle: onShowSuccesses })],
  ['feedback', route({ schema: FeedbackPayload, who: 'self-or-helpdesk', press: 'note', handle: onFeedback })],
  ['pickUser', route({ schema: PickUserPayload, who: 'self-or-helpdesk', handle: onPickUser })],
  ['whatIf', route({ schema: WhatIfPayload, who: 'self-or-helpdesk', handle: onWhatIf })],
  // A ticket about someone: only for whoever may look that person up, checked against the sign-in loaded by its id.
  // The form is a view; opening the ticket is a change for everyone in the chat (the form becomes the ticket's number).
  ['openTicketForm', route({ schema: OpenTicketFormPayload, who: 'self-or-helpdesk', handle: onOpenTicketForm })],
  ['openTicket', route({ schema: OpenTicketPayload, who: 'self-or-helpdesk', press: 'state', asked: (d) => d.correlationId, handle: onOpenTicket })],
  // Marking an alert handled: the helpdesk's, like the alerts themselves.
  ['markHandled', route({ schema: MarkHandledPayload, who: 'helpdesk', press: 'state', handle: onMarkHandled })],
  ['markIncidentHandled', route({ schema: MarkIncidentHandledPayload, who: 'helpdesk', press: 'state', handle: onMarkIncidentHandled })],
  ['failuresPage', route({ schema: FailuresPagePayload, who: 'helpdesk', handle: onFailuresPage })],
  ['lockoutsPage', route({ schema: LockoutsPagePayload, who: 'helpdesk', handle: onLockoutsPage })],
  // An incident is failures of several people: the tenant-wide view, the helpdesk's.
  ['showIncident', route({ schema: ShowIncidentPayload, who: 'helpdesk', asked: (d) => d.eventId, handle: onShowIncident })],
  // Remediation (issue 22): the helpdesk's, and then Entra checks the presser's own role on the delegated call.
  ['remediate', route({ schema: RemediatePayload, who: 'helpdesk', press: 'act', asked: (d) => d.correlationId, handle: onRemediate })],
  ['approveRemediation', route({ schema: ApproveRemediationPayload, who: 'helpdesk', press: 'act', asked: (d) => d.approval, handle: onApproveRemediation })],
];

/** Looked up in a Map, not an object literal: a verb like "constructor" or "__proto__" must not find an inherited property. */
export const BUTTON_ROUTES: ReadonlyMap<string, Route> = new Map(BUTTONS);

/** What pressing a verb changes (route.ts `press`); Back shows the card before, so it is a view. */
export function pressOf(verb: unknown): Press {
  return (typeof verb === 'string' && BUTTON_ROUTES.get(verb)?.press) || 'view';
}
