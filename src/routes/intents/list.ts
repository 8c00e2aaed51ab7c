import type { Command } from '../../conversation/command.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { aboutSignIns } from '../common/sign-ins.ts';

/** "Show alice's sign-ins to Salesforce yesterday": the attempts, summarised in a table. */
export function list(c: Command, ctx: AnswerContext): Promise<Prepared> {
  return aboutSignIns(c, ctx);
}
