import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_TENANT } from '../../src/sources.ts';

/** signin-diag parse: the command, each entity as typed beside what it is in the tenant, and the window. */
const BIN = new URL('../../bin/signin-diag.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = run('parse', '--json', ...args);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown> & { entities: Record<string, unknown>[]; window: Record<string, string> | null };
};

describe('signin-diag parse', { timeout: 120_000 }, () => {
  it('--json: intent, confidence, the person and app as typed and as resolved, the window', () => {
    const out = json('why did bob fail to sign in to salesfroce yesterday');
    expect(out).toMatchObject({ intent: 'diagnose', user: 'bob.kelly@contoso.com', userText: 'bob', app: 'Salesforce', appText: 'salesfroce' });
    expect(out.confidence).toBeGreaterThan(0.5);
    expect(out.entities).toEqual([
      {
        kind: 'person',
        typed: 'bob',
        resolved: { id: 'eefd60fd-3290-4084-876f-84dec519fc41', displayName: 'Bob Kelly', userPrincipalName: 'bob.kelly@contoso.com' },
      },
      { kind: 'app', typed: 'salesfroce', resolved: 'Salesforce', names: ['Salesforce'] },
    ]);
    expect(out.window).toEqual({ text: 'yesterday', since: '2026-11-20T00:00:00.000Z', until: '2026-11-21T00:00:00.000Z' });
  });

  it('--json and text: an everyday app name as typed, beside every app or resource name of the tenant it covers', () => {
    const outlook = ['Office 365 Exchange Online', 'Outlook Mobile', 'Microsoft Office'];
    const out = json('former.employee cant log in on outlook');
    expect(out).toMatchObject({ app: 'Office 365 Exchange Online', apps: outlook, appText: 'outlook' });
    expect(out.entities).toContainEqual({ kind: 'app', typed: 'outlook', resolved: 'Office 365 Exchange Online', names: outlook });
    const r = run('parse', 'former.employee cant log in on outlook');
    expect(r.stdout).toMatch(/^app: outlook → Office 365 Exchange Online, Outlook Mobile, Microsoft Office$/m);
  });

  it('--json: a near name carries its candidates, and no one is looked up', () => {
    const out = json('why did jon fail');
    expect(out.user).toBeUndefined();
    expect(out.entities).toEqual([
      {
        kind: 'person',
        typed: 'jon',
        candidates: [{ id: 'fe830ada-9f43-46cc-9956-1d7b7099987b', displayName: 'Joni Sherman', userPrincipalName: 'joni.sherman@contoso.com' }],
      },
    ]);
    expect(out.window).toBeNull();
  });

  it('text: one line a field, people and apps as typed → resolved', () => {
    const r = run('parse', 'is bob locked out?');
    expect(r.stdout).toMatch(/^intent: lock-state \(confidence [\d.]+\)$/m);
    expect(r.stdout).toMatch(/^person: bob → Bob Kelly <bob\.kelly@contoso\.com>$/m);
  });

  it("--tenant gives the parser that tenant's people, from the names cache too, and a cache from before people were in it is read anew", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-parse-'));
    cpSync(SAMPLE_TENANT, dir, { recursive: true, filter: (src) => !src.includes('.signin-diag') });
    const usersFile = join(dir, 'users.json');
    const users = JSON.parse(readFileSync(usersFile, 'utf8')) as { value: Record<string, unknown>[] };
    users.value.push({
      id: '0b0b0b0b-1111-4222-8333-444455556666',
      displayName: 'Jon Snow',
      givenName: 'Jon',
      surname: 'Snow',
      userPrincipalName: 'jon.snow@contoso.com',
      mail: 'jon.snow@contoso.com',
      accountEnabled: true,
      userType: 'Member',
    });
    writeFileSync(usersFile, JSON.stringify(users));
    for (let i = 0; i < 2; i++)
      expect(json('--tenant', dir, 'why did jon fail')).toMatchObject({ user: 'jon.snow@contoso.com', userId: '0b0b0b0b-1111-4222-8333-444455556666' });
    const cacheFile = join(dir, '.signin-diag', 'names.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
    delete cache.people;
    writeFileSync(cacheFile, JSON.stringify(cache));
    expect(json('--tenant', dir, 'why did jon fail')).toMatchObject({ userId: '0b0b0b0b-1111-4222-8333-444455556666' });
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).people.length).toBe(users.value.length);
  });
});
