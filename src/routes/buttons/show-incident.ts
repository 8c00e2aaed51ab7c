import { z } from 'zod';
import type { AnswerContext } from '../context.ts';
import { id, iso } from '../payload-fields.ts';
import type { Prepared } from '../prepared.ts';
import { incidentsIn } from '../common/incidents.ts';
import { t } from '../../i18n/translate.ts';

/**
 * "Show the incident" on a diagnosis card: the incidents of the window around the attempt, only
 * the one its decisive event is part of. The window and the event come from the button, so the
 * incident is found again from the log (never taken from the payload), and it is the helpdesk's.
 */
export const ShowIncidentPayload = z.object({ since: iso, until: iso, eventId: id });
export type ShowIncidentPayload = z.infer<typeof ShowIncidentPayload>;

export function onShowIncident(d: ShowIncidentPayload, ctx: AnswerContext): Promise<Prepared> {
  return incidentsIn({ since: d.since, until: d.until, timeText: t(ctx.locale ?? 'en', 'incident.around') }, ctx, d.eventId);
}
