import * as z from 'zod/mini';
import { Command } from '../../conversation/command.ts';
import { lookupCode } from '../../diagnosis/catalog.ts';
import { explainCard } from '../../cards/simple-cards.ts';
import { render } from '../../i18n/message.ts';
import { t } from '../../i18n/translate.ts';
import type { AnswerContext } from '../context.ts';
import { showsNobody, type Prepared } from '../prepared.ts';

/** "What does 50126 mean": the parser reads this intent only with a code. */
export const ExplainCodeCommand = z.extend(Command, { errorCode: z.int() });
export type ExplainCodeCommand = z.infer<typeof ExplainCodeCommand>;

export async function explainCode(c: ExplainCodeCommand, ctx?: AnswerContext): Promise<Prepared> {
  const i = lookupCode(c.errorCode);
  const locale = ctx?.locale ?? 'en';
  return showsNobody({
    // The summary line (a notification, a reader that shows no cards) in the asker's language, as the card is.
    text: i ? `AADSTS${c.errorCode}: ${render(locale, i.meaningMsg)}` : t(locale, 'explain.unknownMeaning', { code: String(c.errorCode) }),
    card: explainCard(c.errorCode, i, ctx?.locale),
  });
}
