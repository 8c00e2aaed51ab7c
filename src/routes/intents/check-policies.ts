import type { Command } from '../../conversation/command.ts';
import { checkPolicies as check, findingsByPolicy } from '../../diagnosis/policy-check.ts';
import { policyCheckCard } from '../../cards/what-if-cards.ts';
import { hoursBefore } from '../../instants.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { noPolicies } from '../common/what-if-base.ts';
import { semicolons } from '../common/policy-scope.ts';
import { msg, render } from '../../i18n/message.ts';
import { t } from '../../i18n/translate.ts';

/**
 * "Check my policies": the "select all" consequences and report-only policies that would fail
 * many sign-ins. Policy names and counts over everyone's recent sign-ins: no one person's records.
 */
export async function checkPolicies(_c: Command, ctx: AnswerContext): Promise<Prepared> {
  return {
    shows: [],
    render: async () => {
      const policies = await ctx.source.listPolicies();
      if (!policies) return noPolicies(ctx.locale);
      const recent = await ctx.source.querySignIns({ since: hoursBefore(ctx.now, 7 * 24), until: ctx.now, limit: 5000, priority: 'interactive' });
      const found = check(policies, await ctx.source.listGroups(), recent.events, ctx.allUsers);
      const names = findingsByPolicy(found.findings).map((fs) => fs[0]!.policy);
      const locale = ctx.locale ?? 'en';
      return {
        text: names.length
          ? render(locale, msg('policyCheck.reply.some', { count: names.length, names: semicolons(names) }))
          : t(locale, 'policyCheck.reply.none'),
        card: policyCheckCard(found, t(locale, 'policyCheck.lastDays', { days: 7 }), locale),
      };
    },
  };
}
