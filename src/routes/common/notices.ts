import { noticeCard } from '../../cards/simple-cards.ts';
import type { Answer } from '../context.ts';

/** Lockout alerts post to a Teams conversation: asked elsewhere (the command line), they are not running. */
export function alertsNotHere(): Answer {
  const title = 'Lockout notifications are not running here';
  return { text: title, card: noticeCard(title, ['They work in Teams, where the bot can post to a channel or chat; ask there.'], 'Warning') };
}
