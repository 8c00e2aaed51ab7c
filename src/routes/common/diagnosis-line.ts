import type { Diagnosis } from '../../diagnosis/types.ts';
import { scenarioTitle } from '../../cards/localized.ts';
import type { Locale } from '../../i18n/locales.ts';
import { wordsOf } from '../../i18n/message.ts';
import { t } from '../../i18n/translate.ts';

/**
 * The line beside a diagnosis card (Teams' notification and preview, the CLI's `ask`), in the
 * asker's language: the look-back note, the title and the assessment, how many other failures
 * the window holds, and the other causes the card offers.
 */
export function diagnosisLine(locale: Locale, d: Diagnosis, more: { others: number; when: string; causes: readonly string[]; lookBack?: string }): string {
  const parts = [
    more.lookBack ?? '',
    t(locale, 'reply.diagnosis.line', { title: scenarioTitle(d, locale), assessment: wordsOf(locale, { text: d.assessment, msg: d.assessmentMsg }) }),
    more.others > 0 ? t(locale, 'reply.diagnosis.others', { count: more.others, when: more.when, button: t(locale, 'diagnosis.label.allAttempts') }) : '',
    more.causes.length ? t(locale, 'reply.diagnosis.causes', { causes: more.causes.join('; ') }) : '',
  ];
  return parts.filter(Boolean).join(' ');
}
