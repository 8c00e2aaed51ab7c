import { noticeCard } from '../../cards/simple-cards.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';
import type { Answer } from '../context.ts';

/** Lockout alerts post to a Teams conversation: asked elsewhere (the command line), they are not running. */
export function alertsNotHere(locale: Locale = 'en'): Answer {
  const title = t(locale, 'reply.alertsNotHere.title');
  return { text: title, card: noticeCard(title, [t(locale, 'reply.alertsNotHere.line')], 'Warning') };
}
