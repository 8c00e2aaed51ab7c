import { z } from 'zod';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { t } from '../../i18n/translate.ts';

/**
 * "Mark handled" on an incident alert (cards/incidents.json). The payload is the incident's id
 * only (diagnosis/incidents.ts: kind, component, subject, first failure); what the card then
 * shows comes from the stored incident it names, never from the payload.
 */
export const MarkIncidentHandledPayload = z.object({
  incidentId: z
    .string()
    .max(600)
    .regex(/^(component|policy-change|ip):[^\n]{1,590}$/, 'not an incident alert of this bot'),
});
export type MarkIncidentHandledPayload = z.infer<typeof MarkIncidentHandledPayload>;

export async function onMarkIncidentHandled(d: MarkIncidentHandledPayload, ctx: AnswerContext): Promise<Prepared> {
  // Helpdesk-only (refused before this for anyone else), like the incident alerts: an incident names people across the tenant.
  // The presser's language: the card they see and the line beside it (the channel's copies follow in the channel's).
  const locale = ctx.locale ?? 'en';
  return {
    shows: [],
    render: async () => {
      const card = await ctx.notify?.markIncidentHandled(d.incidentId, ctx.asker ?? 'unknown', ctx.timeZone, locale);
      if (!card)
        return {
          text: t(locale, 'reply.incident.gone'),
          card: noticeCard(t(locale, 'reply.incident.goneTitle'), [t(locale, 'reply.incident.goneDetail')], 'Warning'),
        };
      return { text: t(locale, 'reply.incident.marked'), card };
    },
  };
}
