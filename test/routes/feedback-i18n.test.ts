import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, type AnswerContext } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { cardWords } from '../helpers/card-labels.ts';

/** Issue 21: "Helpful" / "Not helpful" thank the asker in their language, on the card and in the reply line. */
let ctx: AnswerContext;
const kept: { helpful: boolean }[] = [];
beforeAll(() => {
  const source = openSource(undefined) as TenantFolderSource;
  ctx = {
    source,
    now: source.asOf()!,
    timeZone: 'UTC',
    appNames: source.appNames(),
    allUsers: source.allUsers(),
    access: { kind: 'full' },
    feedback: { record: async (f: { helpful: boolean }) => void kept.push(f) },
  } as AnswerContext;
});

describe('feedback thanks in the asker’s language', () => {
  it('German and Japanese, on the redrawn diagnosis card and in the reply', async () => {
    const correlationId = '375a5431-0c66-45a6-81fb-c8d89f7d5354';
    const de = await answerAction('feedback', { correlationId, helpful: true }, { ...ctx, locale: 'de' });
    expect(de.text).toBe('Danke: Vermerkt, dass diese Diagnose geholfen hat.');
    expect(cardWords(de.card)).toContain('Danke: Vermerkt, dass diese Diagnose geholfen hat.');
    const ja = await answerAction('feedback', { correlationId, helpful: false }, { ...ctx, locale: 'ja' });
    expect(ja.text).toBe('ありがとうございます。この診断が役に立たなかったことを記録しました。チームが確認します。');
    expect(kept).toEqual([expect.objectContaining({ helpful: true }), expect.objectContaining({ helpful: false })]);
    const en = await answerAction('feedback', { correlationId, helpful: true }, ctx);
    expect(en.text).toBe('Thanks: recorded that this diagnosis helped.');
  });
});
