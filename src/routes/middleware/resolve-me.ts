import { SELF_USER } from '../../conversation/parse.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { Step } from '../turn.ts';

/** "Why can't I sign in": "me" is the asker, by the directory id Teams gives; without one, the asker is asked to name the person. */
export const resolveMe: Step = async (turn, next) => {
  const c = turn.command;
  if (c?.user !== SELF_USER) return next();
  if (!turn.ctx.askerId) {
    const line = 'I cannot tell who "me" is here. Name the person by name or address, for example "why did bob.kelly@contoso.com fail to sign in".';
    return { text: line, card: noticeCard('Who do you mean?', [line], 'Warning') };
  }
  turn.command = { ...c, user: turn.ctx.askerId };
  return next();
};
