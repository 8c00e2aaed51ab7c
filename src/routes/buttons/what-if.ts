import { z } from 'zod';
import { parseWhatIfChange } from '../../conversation/what-if-condition.ts';
import { applyChange, whatIf, type ContextChange } from '../../diagnosis/what-if.ts';
import { whatIfCard } from '../../cards/what-if-cards.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { DiagnosisContext } from '../../query/diagnose-attempts.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import type { AnswerContext } from '../context.ts';
import { id } from '../payload-fields.ts';
import { showsNobody, usersIn, type Prepared } from '../prepared.ts';
import { baseOf, describeChange, facts, microsoftSays, noPolicies } from '../common/what-if-base.ts';
import { chain } from '../../diagnosis/words.ts';
import { msg, render, said, type Message, type MessageValue } from '../../i18n/message.ts';
import { t } from '../../i18n/translate.ts';

/** "What if fixed?" on a diagnosis: the attempt tried again with the fix its diagnosis worked out. */
export const WhatIfPayload = z.object({ correlationId: id, change: z.string().min(1).max(200) });
export type WhatIfPayload = z.infer<typeof WhatIfPayload>;

/** Loads the attempt, so the asker can be checked against whose it is before anything is worked out. */
export async function onWhatIf(p: WhatIfPayload, ctx: AnswerContext): Promise<Prepared> {
  const { correlationId, change: changeText } = p;
  const listing = await listAttempts(ctx.source, { correlationId, now: ctx.now });
  const attempt = listing.attempts[0];
  if (!attempt)
    return showsNobody({
      text: t(ctx.locale ?? 'en', 'whatIf.notFound.text'),
      card: noticeCard(t(ctx.locale ?? 'en', 'whatIf.notFound.title'), [t(ctx.locale ?? 'en', 'whatIf.notFound.line')], 'Warning'),
    });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const policies = await ctx.source.listPolicies();
      if (!policies) return noPolicies(ctx.locale);
      const dctx = new DiagnosisContext(ctx.source, ctx.now);
      // The button's words are only words (a payload anyone can forge): the change itself is the one
      // this attempt's own diagnosis worked out, when the words are its preview's; else the words are read.
      // Diagnosed first, as the card was (no membership look-up yet), so the preview is the card's.
      const preview = (await dctx.diagnose(attempt)).fixPreview;
      const base = await baseOf(attempt, ctx, dctx);
      const fromDiagnosis = preview && preview.words === changeText ? preview : undefined;
      const change: ContextChange = fromDiagnosis?.change ?? parseWhatIfChange(changeText);
      const named = await ctx.source.listNamedLocations();
      const { ctx: e, satisfies } = applyChange(base.eval, base.satisfies, change, named);
      const r = whatIf(policies, e, satisfies, named);
      const d = attempt.decisive;
      const locale = ctx.locale ?? 'en';
      // English repeats the button's words; another language says the change in its own: the diagnosis's fix
      // as its message (a country named in that language), or the words as the parser read them.
      const changeWords =
        locale === 'en' ? changeText : fromDiagnosis?.wordsMsg ? render(locale, fromDiagnosis.wordsMsg) : describeChange(parseWhatIfChange(changeText), locale);
      const title = t(locale, 'whatIf.triedAgain', { name: d.userDisplayName ?? t(locale, 'whatIf.thisSignIn'), change: changeWords });
      // The verdict first; when no one change is enough, say that these are changes together; then the outcome.
      const sentences: MessageValue[] = [msg(`engine.whatIf.verdict.${r.outcome}`)];
      if (fromDiagnosis && !fromDiagnosis.single) sentences.push(msg('engine.whatIf.verdict.together'));
      sentences.push(r.summaryMsg ?? r.summary);
      const summary = said(chain('engine.whatIf.join.sentences', sentences) as Message);
      const checked = await microsoftSays(e, r, ctx);
      return {
        text: summary.msg ? render(locale, summary.msg) : summary.text,
        card: whatIfCard(
          title,
          { ...r, summary: summary.text, summaryMsg: summary.msg },
          facts(`${d.userDisplayName ?? ''} (${d.userPrincipalName ?? d.userId})`, d.resourceDisplayName ?? d.appDisplayName ?? '?', e, satisfies, locale),
          checked,
          locale,
        ),
      };
    },
  };
}
