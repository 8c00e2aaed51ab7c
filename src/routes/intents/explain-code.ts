import * as z from 'zod/mini';
import { Command } from '../../conversation/command.ts';
import { lookupCode } from '../../diagnosis/catalog.ts';
import { explainCard } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import { showsNobody, type Prepared } from '../prepared.ts';

/** "What does 50126 mean": the parser reads this intent only with a code. */
export const ExplainCodeCommand = z.extend(Command, { errorCode: z.int() });
export type ExplainCodeCommand = z.infer<typeof ExplainCodeCommand>;

export async function explainCode(c: ExplainCodeCommand, ctx?: AnswerContext): Promise<Prepared> {
  const i = lookupCode(c.errorCode);
  return showsNobody({
    text: i ? `AADSTS${c.errorCode}: ${i.meaning}` : `AADSTS${c.errorCode} is not in our catalog.`,
    card: explainCard(c.errorCode, i, ctx?.locale),
  });
}
