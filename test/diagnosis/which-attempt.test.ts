import { describe, expect, it } from 'vitest';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/sources.ts';
import { listAttempts } from '../../src/query/list-attempts.ts';
import { DiagnosisContext, pickAttempt } from '../../src/query/diagnose-attempts.ts';
import { chooseAttempt } from '../../src/diagnosis/choose-attempt.ts';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';

const source = new TenantFolderSource(SAMPLE_TENANT);
const now = source.asOf()!;
/** Wednesday 18 November 2026 in Redmond (Pacific time). */
const WEDNESDAY = { since: '2026-11-18T08:00:00Z', until: '2026-11-19T08:00:00Z' };

describe('which attempt "why did alice fail on wednesday" shows', () => {
  it('diagnoses her own Conditional Access block, not the spray against her account, and offers the spray as another cause', async () => {
    const listing = await listAttempts(source, { user: 'alice.nguyen@contoso.com', ...WEDNESDAY, now });
    const failed = listing.attempts.filter((a) => a.decisive.status.errorCode !== 0);
    // The latest failure that day is the spray from the Tor exit.
    expect(failed[0]!.decisive.ipAddress).toBe('185.220.101.47');
    const choice = await pickAttempt(source, listing, now);
    expect(choice.chosen!.decisive.status.errorCode).toBe(53003);
    expect(choice.chosen!.decisive.location?.countryOrRegion).toBe('BR');
    // The newest of her own two blocks.
    expect(choice.chosen!.decisive.createdDateTime.slice(11, 16)).toBe('14:09');
    const own = choice.groups[0]!;
    expect(own).toMatchObject({ origin: 'own', errorCode: 53003, count: 2, chosen: true });
    expect(own.text).toMatch(/^2 × blocked by Conditional Access from São Paulo/);
    expect(own.text).toMatch(/2026-11-18 14:09 UTC, 2026-11-18 14:05 UTC/);
    const spray = choice.groups.find((g) => g.origin === 'attack')!;
    expect(spray).toMatchObject({ errorCode: 50126, count: 1, chosen: false });
    expect(spray.why).toMatch(/185\.220\.101\.47 failed for \d+ different accounts/);
    expect(spray.correlationIds).toEqual([failed[0]!.correlationId]);
  });

  it('falls back to the newest failure when none is the person’s own', () => {
    const spray = groupAttempts(source.querySync({ ip: '185.220.101.47' }).events).filter((a) => a.decisive.userId !== '00000000-0000-0000-0000-000000000000');
    const choice = chooseAttempt(spray.slice(0, 3), { ipFailureUsers: { '185.220.101.47': 28 } });
    expect(choice.chosen).toBe(spray[0]);
    expect(choice.groups.every((g) => g.origin === 'attack')).toBe(true);
  });

  it('a success-only listing chooses nothing', () => {
    const ok = groupAttempts(source.querySync({ user: 'alice.nguyen@contoso.com', outcome: 'success' }).events);
    expect(chooseAttempt(ok)).toEqual({ groups: [] });
  });
});

describe('the same evidence gives the same verdict', () => {
  it('a lockout asked about 10 minutes later, and again after the user signed in, gets the same findings', async () => {
    const grady = groupAttempts(source.querySync({ user: 'grady.archie@contoso.com', errorCode: 50053 }).events)[0]!;
    const t = Date.parse(grady.decisive.createdDateTime);
    const at = (ms: number) => new DiagnosisContext(source, new Date(t + ms).toISOString()).diagnose(grady);
    const early = await at(10 * 60_000);
    const later = await at(20 * 60_000);
    const nextDay = await at(26 * 3_600_000);
    const texts = (d: typeof early) => d.findings.map((f) => f.text);
    expect(texts(later)).toEqual(texts(early));
    expect(texts(nextDay)).toEqual(texts(early));
    // Measured over the 48 hours before the lockout, not before now.
    const sources = early.findings.find((f) => f.kind === 'lockout-sources')!;
    expect(sources.text).toContain(`48 hours up to ${grady.decisive.createdDateTime.slice(0, 16).replace('T', ' ')} UTC`);
  });
});
