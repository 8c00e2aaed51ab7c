import type { Command } from '../../conversation/command.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { aboutSignIns } from '../common/sign-ins.ts';

/** "Why did bob fail", "diagnose correlation id …": one attempt diagnosed, the other causes offered. */
export function diagnose(c: Command, ctx: AnswerContext): Promise<Prepared> {
  return aboutSignIns(c, ctx);
}
