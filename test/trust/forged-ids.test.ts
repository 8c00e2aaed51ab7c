import { describe, expect, it } from 'vitest';
import { readButton } from '../../src/routes/middleware/find-route.ts';
import { listAttempts } from '../../src/query/list-attempts.ts';
import { NotificationService } from '../../src/notify/service.ts';
import { MemoryNotifyStore } from '../../src/notify/store.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';
import { openSource } from '../../src/sources.ts';
import type { SignInQuery } from '../../src/signins/source.ts';

/** Button ids that are not ids: found by the security review of issue 14. */
describe('forged ids in buttons', () => {
  const empty = () => new MemorySignInSource(openSource(undefined));
  it('a feedback button with an empty correlation id is refused before anything is read', () => {
    expect(readButton('feedback', { correlationId: '', helpful: true })).toMatchObject({ error: expect.any(String) });
    expect(readButton('feedback', { correlationId: '0e2d8324-774f-4ac0-b319-86a3133eb625', helpful: true })).toMatchObject({ verb: 'feedback' });
  });

  it('a blank correlation or request id finds nothing and reads nothing (a source would drop the empty filter and read everyone)', async () => {
    const source = empty();
    const asked: SignInQuery[] = [];
    const query = source.querySignIns.bind(source);
    source.querySignIns = async (q: SignInQuery) => (asked.push(q), query(q));
    for (const ids of [{ correlationId: '' }, { correlationId: '  ' }, { requestId: '' }]) {
      const r = await listAttempts(source, { ...ids, now: '2026-11-21T01:00:00Z' });
      expect(r.attempts).toEqual([]);
    }
    expect(asked).toEqual([]);
  });

  it('"Mark handled" takes only the bot\'s own episode keys; "__proto__" cannot reach the state', async () => {
    for (const episodeKey of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(readButton('markHandled', { episodeKey })).toMatchObject({ error: expect.any(String) });
    }
    expect(readButton('markHandled', { episodeKey: 'person:eefd60fd-3290-4084-876f-84dec519fc41:2026-11-20T10:00:00Z' })).toMatchObject({
      verb: 'markHandled',
    });
    // Past the schema too: the service looks only at the state's own episodes.
    const store = new MemoryNotifyStore();
    const service = new NotificationService({
      source: empty(),
      store,
      sender: { send: async () => ({ kind: 'sent', activityId: 'a' }), update: async () => ({ kind: 'sent', activityId: 'a' }) } as never,
      clock: () => '2026-11-21T01:00:00Z',
      log: () => {},
    });
    for (const key of ['__proto__', 'constructor', 'person:__proto__']) expect(await service.markHandled(key, 'Mallory')).toBeUndefined();
    expect(({} as { handledBy?: string }).handledBy).toBeUndefined();
  });
});
