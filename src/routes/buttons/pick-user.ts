import { z } from 'zod';
import type { Command } from '../../conversation/command.ts';
import type { AnswerContext } from '../context.ts';
import { appNames, appText, id, iso } from '../payload-fields.ts';
import type { Prepared } from '../prepared.ts';
import { aboutSignIns } from '../common/sign-ins.ts';
import { whatIf } from '../intents/what-if.ts';
import { lockState } from '../intents/lock-state.ts';

/** "This one" on a "which one?" card: the question asked again about the person chosen. */
export const PickUserPayload = z.object({
  userId: id,
  intent: z.enum(['diagnose', 'list', 'what-if', 'lock-state']),
  app: id.optional(),
  apps: appNames.optional(),
  appText: appText.optional(),
  since: iso.optional(),
  until: iso.optional(),
  /** what-if: the change asked about, in the asker's words. */
  condition: z.string().min(1).max(200).optional(),
});
export type PickUserPayload = z.infer<typeof PickUserPayload>;

/** The questions asked again through their own handler (the sign-in questions go through aboutSignIns, with the window). */
const AGAIN: Record<'what-if' | 'lock-state', (c: Command, ctx: AnswerContext) => Promise<Prepared>> = { 'what-if': whatIf, 'lock-state': lockState };

export function onPickUser(d: PickUserPayload, ctx: AnswerContext): Promise<Prepared> {
  // The person by directory id, as the parser gives one it is sure of: the handlers fetch them by it (what is shown is checked after loading).
  const app = { app: d.app, apps: d.apps, appText: d.appText };
  const asked: Command = { intent: d.intent, user: d.userId, userId: d.userId, ...app, since: d.since, until: d.until, understood: [] };
  if (d.intent === 'what-if' || d.intent === 'lock-state') return AGAIN[d.intent]({ ...asked, ...(d.condition ? { condition: d.condition } : {}) }, ctx);
  return aboutSignIns({ intent: d.intent === 'list' ? 'list' : 'diagnose', ...app, since: d.since, until: d.until, understood: [] }, ctx, d.userId);
}
