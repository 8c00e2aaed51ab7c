import { z } from 'zod';
import { REMEDIATION_IDS } from '../../diagnosis/remediations.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { isGraphRemediation } from '../../remediate/actions.ts';
import { pressRemediation, type PressResult } from '../../remediate/press.ts';
import { PLAYGROUND_DRY_RUN } from '../../remediate/context.ts';
import type { AnswerContext } from '../context.ts';
import { id } from '../payload-fields.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { actionWords, approvalView, blockedSentence, outcomeLine, tapLine, wouldWords } from '../common/remediate-words.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';
import { approvalCard } from '../../cards/remediate-cards.ts';
import { auditRemediation, loadAttempt, offered } from '../common/remediate-load.ts';
import { CardListingPayload, diagnosisAnswerCard, othersAgain } from '../common/diagnosis-answer.ts';

/**
 * A remediation button on a diagnosis card: the attempt and what to do; whom it acts on is read from the attempt.
 * `listing`: where the card's other causes were found, so the card it redraws keeps them (a damaged one is dropped).
 */
export const RemediatePayload = z.object({ correlationId: id, remediation: z.enum(REMEDIATION_IDS), listing: CardListingPayload.optional().catch(undefined) });
export type RemediatePayload = z.infer<typeof RemediatePayload>;

export async function onRemediate(d: RemediatePayload, ctx: AnswerContext): Promise<Prepared> {
  // Helpdesk only (checked before this); what the answer shows is the attempt, so the asker is checked against its rows too.
  const listing = await loadAttempt(ctx, d.correlationId);
  const attempt = listing.attempts[0];
  // The card it redraws keeps its other causes: read from the same listing, everyone in them checked too.
  const others = attempt && d.listing ? await othersAgain(ctx, d.listing, attempt) : undefined;
  return {
    shows: [...usersIn(listing.attempts), ...(others?.users ?? [])],
    render: async () => {
      const found = await offered(ctx, listing, d.remediation);
      const locale = ctx.locale ?? 'en';
      if (!found || !isGraphRemediation(d.remediation)) {
        const line = found
          ? t(locale, 'reply.remediation.handoff', { action: actionWords(locale, d.remediation, found.target.name) })
          : t(locale, 'reply.remediation.notOffered');
        return { text: line, card: noticeCard(t(locale, 'reply.remediation.nothingDone'), [line], 'Warning') };
      }
      const { diagnosis, target } = found;
      // The same card as before the press (other causes, incident, look-back note, what was done), with the press's line.
      const card = (line: string) => diagnosisAnswerCard(ctx, attempt!, diagnosis, { listing: d.listing, others, line, pressed: d.remediation });
      if (!ctx.remedy) {
        const line = t(locale, 'reply.remediation.teamsOnly', { action: actionWords(locale, d.remediation, target.name) });
        return { text: line, card: await card(line) };
      }
      const rolesHint = ctx.allUsers?.find((u) => u.id.toLowerCase() === target.id.toLowerCase())?.assignedRoleTemplateIds ?? [];
      const result = await pressRemediation(
        ctx.remedy,
        { remediation: d.remediation, correlationId: d.correlationId, target, since: diagnosis.time, rolesHint },
        { name: ctx.asker ?? 'unknown', ...(ctx.askerId ? { id: ctx.askerId } : {}) },
      );
      if (result.kind === 'pending' || result.kind === 'ran') await auditRemediation(ctx, result.record);
      const line = sentenceOf(result, locale);
      const secret = result.kind === 'ran' && result.outcome.tap ? ` ${tapLine(target.name, result.outcome.tap, locale)}` : '';
      return {
        // The text is the card's summary in notifications: never the pass.
        text: line,
        card: await card(`${line}${secret}`),
        ...(result.kind === 'pending'
          ? (() => {
              const view = approvalView(result.record, true, [], locale);
              return { everyone: { text: view.title, card: approvalCard(view, locale), how: 'post' as const } };
            })()
          : {}),
      };
    },
  };
}

/** The press's line in the asker's language. A missing token's sentence comes from the host, already in that language; a dry run's reason is translated when it is the Playground's. */
function sentenceOf(r: PressResult, locale: Locale): string {
  switch (r.kind) {
    case 'dry-run':
      return locale === 'en'
        ? r.sentence
        : t(locale, 'reply.remediation.dryRun', {
            would: wouldWords(locale, r.remediation, r.target),
            call: r.call,
            reason: r.reason === PLAYGROUND_DRY_RUN ? t(locale, 'remediation.dryRunReason.playground') : r.reason,
            approval: r.approval ? 'yes' : 'no',
          });
    case 'no-token':
      return r.sentence;
    case 'pending':
      return t(locale, 'reply.remediation.pending');
    case 'ran':
      return outcomeLine(locale, r.outcome);
    case 'blocked':
      return blockedSentence(r.record, locale);
  }
}
