import { noticeCard } from '../../cards/simple-cards.ts';
import { REMEMBERED_INTENTS, followUpShape, rememberedOf, resolveFollowUp } from '../../conversation/follow-up.ts';
import { parseMessage } from '../../conversation/parse.ts';
import { parserUnsure } from '../common/which-person.ts';
import type { Answer } from '../context.ts';
import { conversationKey, FOLLOW_UP_MINUTES } from '../memory.ts';
import type { Step } from '../turn.ts';
import { parseContextOf } from './read-message.ts';

/**
 * Follow-ups: "and yesterday?", "what about alice?", "why?" are read against the last command
 * this asker had answered in this conversation (src/conversation/follow-up.ts), and the merged
 * command goes on through the same steps as any message: the person is settled, the asker is
 * checked against what is loaded, so a follow-up never shows more than asking in full would.
 * A follow-up with nothing to follow gets help, never a lookup of a stray word.
 *
 * After the turn, a person- or window-bearing command that was answered (loaded and shown,
 * not refused, its person settled) is remembered for the next message.
 */
export const followUp: Step = async (turn, next) => {
  const { ctx } = turn;
  if (turn.input.kind !== 'message' || !turn.command) return next();
  const key = conversationKey(ctx.conversation?.conversationId, ctx.askerId ?? ctx.asker);
  const memory = key ? ctx.memory : undefined;
  const last = await memory?.get(key!);

  const text = turn.input.text;
  const shape = followUpShape(text);
  if (shape) {
    const said = shape.kind === 'more' ? (shape.cued ? parseMessage(shape.rest, parseContextOf(ctx)) : turn.command) : undefined;
    const r = resolveFollowUp(shape, said, last);
    if (r.kind === 'help') return r.why === 'nothing-remembered' ? nothingToFollow() : notUnderstood(text);
    if (r.kind === 'which-one') return whichOne(r.after);
    if (r.kind === 'command') turn.command = r.command;
  }

  const answer = await next();
  const c = turn.command;
  if (memory && c && REMEMBERED_INTENTS.has(c.intent) && turn.shows && !turn.refused && !parserUnsure(c)) await memory.set(key!, rememberedOf(c));
  return answer;
};

const EXAMPLES = 'then follow it up with "and yesterday?", "what about alice?" or "why?"';

function nothingToFollow(): Answer {
  const line = `There is no earlier question of yours in this chat to follow up (I keep the last one for ${FOLLOW_UP_MINUTES} minutes).`;
  const ask = `Ask in full, for example "why did bob fail to sign in yesterday" or "who failed to sign in today"; ${EXAMPLES}.`;
  return { text: `${line} ${ask}`, card: noticeCard('Follow up on what?', [line, ask]) };
}

function notUnderstood(text: string): Answer {
  const line = `I read "${text.trim().slice(0, 60)}" as a follow-up to your last question, but could not tell which person, time or app it asks about.`;
  const ask = 'Name someone in the directory ("what about alice?"), a time ("and last week?") or an app ("and in Outlook?"), or ask in full.';
  return { text: `${line} ${ask}`, card: noticeCard('Follow up on what?', [line, ask]) };
}

function whichOne(after: string): Answer {
  const what = after === 'lockouts' ? 'lockouts' : after === 'flagged' ? 'flagged sign-ins' : 'sign-ins';
  const line = `The last answer listed ${what} of more than one person. Which one do you mean?`;
  const ask = 'Ask about one of them, for example "why did bob fail", or "what about alice?" to see theirs.';
  return { text: `${line} ${ask}`, card: noticeCard('Which one?', [line, ask]) };
}
