import { describe, expect, it } from 'vitest';
import { approvalCard } from '../../src/cards/remediate-cards.ts';
import { approvalView } from '../../src/routes/common/remediate-words.ts';
import type { RemediationRecord } from '../../src/remediate/records.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { englishLeft } from '../helpers/card-labels.ts';

/** Issue 21: the remediation approval card (the two-person rule) in the asker's language, pending and answered. */
const record: RemediationRecord = {
  key: 'rem-1',
  correlationId: 'c0ffee00-1111-2222-3333-444455556666',
  remediation: 'revokeSessions',
  targetId: 'u-1',
  targetName: 'Megan Bowen',
  since: '2026-11-20T09:00:00Z',
  state: 'pending',
  requestedBy: 'Miriam Graham',
  at: '2026-11-20T09:05:00Z',
};
const done: RemediationRecord = { ...record, state: 'done', approvedBy: 'Alex Wilber', requestId: 'req-42' };
const data = new Set([record.correlationId, 'Miriam Graham', 'Alex Wilber', 'req-42', 'Megan Bowen']);

describe("the approval card in the asker's language", () => {
  it.each([
    ['pending', record, true],
    ['done', done, false],
  ] as const)('%s: German and Japanese keep no English word, and the buttons send the same', (_s, r, pending) => {
    const en = approvalCard(approvalView(r, pending));
    for (const locale of ['de', 'ja'] as const) {
      const card = approvalCard(approvalView(r, pending, [], locale), locale);
      expect(validateCard(card)).toEqual([]);
      expect(englishLeft(en, card, (s) => data.has(s))).toEqual([]);
      // What a button sends is the record's key whatever the language.
      expect(JSON.stringify(card).match(/"approval":"[^"]*"/g)).toEqual(JSON.stringify(en).match(/"approval":"[^"]*"/g));
    }
    const de = JSON.stringify(approvalCard(approvalView(r, pending, [], 'de'), 'de'));
    expect(de).toContain(pending ? 'Genehmigung erforderlich: Anmeldesitzungen von Megan Bowen widerrufen' : 'Genehmigt von');
  });
});
