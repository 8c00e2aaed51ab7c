import type { Command } from '../../conversation/command.ts';
import { diagnoseListing } from '../../query/diagnose-attempts.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import { lockoutsCard } from '../../cards/list-cards.ts';
import type { AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { defaultWindow, windowText } from '../common/listing.ts';

/** "Is anyone locked out": everyone's 50053 lockouts in the window, one line per person. */
export async function lockouts(c: Command, ctx: AnswerContext): Promise<Prepared> {
  const w = defaultWindow(ctx.now, c);
  const listing = await listAttempts(ctx.source, { errorCode: 50053, since: w.since, until: w.until, now: ctx.now });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
      const locked = diagnosed.diagnoses.filter((d) => d.scenario === 'account-locked');
      const people = new Set(locked.map((d) => d.user.id)).size;
      const when = windowText(c.since, c.until, ctx.timeZone, c.timeText, ctx.now);
      return {
        text: people ? `${people} ${people === 1 ? 'person was' : 'people were'} locked out ${when}.` : `Nobody was locked out ${when}.`,
        card: lockoutsCard(locked, when, ctx.timeZone),
      };
    },
  };
}
