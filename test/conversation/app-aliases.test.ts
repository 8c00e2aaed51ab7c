import { describe, expect, it } from 'vitest';
import { findApp } from '../../src/conversation/entities.ts';
import { merge } from '../../src/conversation/follow-up.ts';
import { parseMessage } from '../../src/conversation/parse.ts';
import { appNamesOf, appWords } from '../../src/app-words.ts';
import { sampleContext } from '../../scripts/eval-parse.ts';

/**
 * An app as typed resolves to a set of names (issue 15): a tenant's name typed exactly is that
 * name; an everyday name is every app or resource Microsoft logs it under that the tenant
 * knows, the one a single-app question asks about first.
 */
const ctx = sampleContext();
const names = ctx.appNames ?? [];
const OUTLOOK = ['Office 365 Exchange Online', 'Outlook Mobile', 'Microsoft Office'];

describe('the app a message names', () => {
  it('"outlook" is Exchange Online, Outlook Mobile and Microsoft Office, as typed', () => {
    const c = parseMessage('former.employee cant log in on outlook', ctx);
    expect(c).toMatchObject({ intent: 'diagnose', user: 'former.employee@contoso.com', app: OUTLOOK[0], apps: OUTLOOK, appText: 'outlook' });
    expect(c.understood).toContain(`app outlook (${OUTLOOK.join(', ')})`);
  });

  it("a tenant's name typed exactly is that name alone, even when an everyday name is inside it", () => {
    expect(parseMessage('bob failed on the Outlook Mobile app', ctx)).toMatchObject({ app: 'Outlook Mobile', apps: ['Outlook Mobile'] });
    expect(parseMessage('why did bob fail on office 365 exchange online', ctx)).toMatchObject({ apps: ['Office 365 Exchange Online'] });
    expect(parseMessage('list all failures in Salesforce today', ctx)).toMatchObject({ intent: 'failures', app: 'Salesforce', apps: ['Salesforce'] });
  });

  it('every alias target the tenant knows, spelled as the tenant spells it; all of them when it knows none', () => {
    expect(findApp('exchange', names)).toMatchObject({ app: 'Office 365 Exchange Online', apps: ['Office 365 Exchange Online'], typed: 'exchange' });
    expect(findApp('teams is down', names)?.apps).toEqual(['Microsoft Teams', 'Microsoft Teams Services']);
    expect(findApp('teams is down', ['microsoft teams'])?.apps).toEqual(['microsoft teams']);
    expect(findApp('outlook', [])?.apps).toEqual(['Office 365 Exchange Online', 'Outlook Mobile', 'Microsoft Outlook', 'One Outlook Web', 'Microsoft Office']);
    expect(findApp('from the office network', names)).toBeUndefined();
  });

  it('an app id typed is that id', () => {
    const id = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';
    expect(parseMessage(`why did bob fail on app ${id}`, ctx)).toMatchObject({ app: id, apps: [id], appText: id });
  });
});

describe('the words an answer uses for the app', () => {
  it('typed, then what it covered; the name alone when typed as it is', () => {
    expect(appWords({ app: OUTLOOK[0], apps: OUTLOOK, appText: 'outlook' })).toBe(`outlook (${OUTLOOK.join(', ')})`);
    expect(appWords({ app: 'Salesforce', apps: ['Salesforce'], appText: 'salesfroce' })).toBe('salesfroce (Salesforce)');
    expect(appWords({ app: 'Salesforce', apps: ['Salesforce'], appText: 'salesforce' })).toBe('Salesforce');
    expect(appWords({ app: 'Salesforce' })).toBe('Salesforce');
    expect(appWords({})).toBeUndefined();
    expect(appNamesOf({ app: 'Salesforce' })).toEqual(['Salesforce']);
    expect(appNamesOf({})).toBeUndefined();
  });
});

describe('a follow-up naming another app replaces every name of the last one', () => {
  it('"and teams?" after outlook asks Teams only', () => {
    const last = { intent: 'diagnose' as const, user: 'bob', app: OUTLOOK[0], apps: OUTLOOK, appText: 'outlook' };
    const c = merge(last, { app: { app: 'Microsoft Teams', apps: ['Microsoft Teams', 'Microsoft Teams Services'], appText: 'teams' } });
    expect(c).toMatchObject({ app: 'Microsoft Teams', apps: ['Microsoft Teams', 'Microsoft Teams Services'], appText: 'teams' });
    expect(c.understood).toContain('app teams (Microsoft Teams, Microsoft Teams Services)');
  });
});
