import type { Command } from '../../conversation/command.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { incidentWindow, incidentsIn } from '../common/incidents.ts';

/**
 * "Is something wrong right now?", "any outages today?", "why are so many people failing?":
 * failures of several people that share one cause, in the window asked (the last few hours
 * for "right now"). Tenant-wide, so the helpdesk's (route table).
 */
export function incidents(c: Command, ctx: AnswerContext): Promise<Prepared> {
  return incidentsIn(incidentWindow(c, ctx.now, ctx.locale), ctx);
}
