import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/conversation/parse.ts';
import { sampleContext } from '../../scripts/eval-parse.ts';

/** People only from the directory: the sample tenant's 45, by every name they go by. */
const ctx = sampleContext();
const parse = (text: string) => parseMessage(text, ctx);

const ID = {
  bob: 'eefd60fd-3290-4084-876f-84dec519fc41',
  zoe: 'b2ef6a5f-a626-4985-ac48-6ad3fbe8c3bd',
  jose: 'f6a3c4f0-fdf7-4c82-af01-1c1215f5aab4',
  tomas: 'a7d7c08b-db2f-4601-b1e7-6e9e7966b1bd',
  chloe: 'f199bd07-cc3e-4d88-9da4-20a94842babf',
  ana: '9165fa79-fad8-42b9-9781-38a74b4fd5e1',
  megan: 'bc3c1a29-461f-4b72-af38-2a786f759f1c',
  henrietta: '2feeab72-4951-4ec5-8bd2-2b101d183ece',
  breakglass01: '1a12510f-1ffa-4a18-9e9e-079b7fa938c2',
  former: '72f0cf42-a734-478a-b34a-2dac2872777b',
};

describe('a sure match: exactly one person by that name', () => {
  it.each([
    ['why did bob fail', 'bob', ID.bob],
    ['why did BOB fail', 'BOB', ID.bob],
    ['why did Bob Kelly fail', 'Bob Kelly', ID.bob],
    ['why did kelly fail', 'kelly', ID.bob],
    ['why did bob.kelly fail', 'bob.kelly', ID.bob],
    ['why cant zoe muller sign in', 'zoe muller', ID.zoe],
    ['why cant Zoë Müller sign in', 'Zoë Müller', ID.zoe],
    ['jose garcia cannot sign in', 'jose garcia', ID.jose],
    ['tomas o briain cant sign in', 'tomas o briain', ID.tomas],
    ['is chloe lefevre locked out', 'chloe lefevre', ID.chloe],
    ['why did ana.souza fail', 'ana.souza', ID.ana],
    ['why did breakglass01 fail', 'breakglass01', ID.breakglass01],
    ['show former employee sign-ins', 'former employee', ID.former],
  ])('%s → %s', (text, typed, id) => {
    const c = parse(text);
    expect(c.userText).toBe(typed);
    expect(c.userId).toBe(id);
    expect(c.user).toMatch(/@/);
    expect(c.userCandidates).toBeUndefined();
  });

  it('an address is that person, typed as it was; an address nobody has is still the address', () => {
    expect(parse('why did Bob.Kelly@Contoso.com fail')).toMatchObject({ user: 'Bob.Kelly@Contoso.com', userText: 'Bob.Kelly@Contoso.com', userId: ID.bob });
    expect(parse('why did ana.souza@fabrikam.com fail')).toMatchObject({ user: 'ana.souza@fabrikam.com', userId: ID.ana });
    const c = parse('why did someone@elsewhere.example fail');
    expect(c).toMatchObject({ intent: 'diagnose', user: 'someone@elsewhere.example' });
    expect(c.userId).toBeUndefined();
  });

  it('a directory id is the person, not a correlation id', () => {
    const c = parse(`why did ${ID.megan} fail`);
    expect(c).toMatchObject({ intent: 'diagnose', user: 'megan.bowen@contoso.com', userId: ID.megan });
    expect(c.correlationId).toBeUndefined();
  });
});

describe('not sure: candidates, and no one looked up', () => {
  it.each([
    ['why did megn fail', 'megn', ID.megan],
    ['henrieta cannot log in', 'henrieta', ID.henrietta],
    ['bobb kelley cant sign in', 'bobb kelley', ID.bob],
  ])('%s → did you mean', (text, typed, id) => {
    const c = parse(text);
    expect(c.intent).toBe('diagnose');
    expect(c.user).toBeUndefined();
    expect(c.userId).toBeUndefined();
    expect(c.userText).toBe(typed);
    expect(c.userCandidates?.[0]?.id).toBe(id);
  });

  it('a first name two people share lists both, and keeps the name for the pick-a-person card', () => {
    const c = parse('show alex sign-ins');
    expect(c).toMatchObject({ intent: 'list', user: 'alex', userText: 'alex' });
    expect(c.userCandidates?.map((p) => p.displayName)).toEqual(['Alex Johnson', 'Alex Wilber']);
    expect(c.userId).toBeUndefined();
  });
});

describe('names the directory does not have', () => {
  it('a question about one is kept with no candidates, for "nobody called dave"', () => {
    const c = parse('why did dave fail');
    expect(c).toMatchObject({ intent: 'diagnose', userText: 'dave', userCandidates: [] });
    expect(c.user).toBeUndefined();
    expect(c.understood).toEqual(['"dave", who is nobody in the directory']);
  });

  it('such a name and nothing else is help, not a person to look for', () => {
    for (const t of ['dave', 'Sarah Connor', 'asdf']) {
      const c = parse(t);
      expect(c, t).toMatchObject({ intent: 'help', unclear: true });
      expect(c.userText, t).toBeUndefined();
    }
  });

  it('a word that is not where a name goes is not reported as a missing person', () => {
    const c = parse('are our policies set up correctly');
    expect(c.userText).toBeUndefined();
    expect(c.user).toBeUndefined();
  });

  it('without a directory, the name as typed (the parser before it had one)', () => {
    expect(parseMessage('why did dave fail', sampleContext(false))).toMatchObject({ intent: 'diagnose', user: 'dave' });
    expect(parseMessage('why did jon fail', sampleContext(false))).toMatchObject({ intent: 'diagnose', user: 'jon' });
  });
});

describe('pasted tickets', () => {
  it('the person in the body, not the one who signed the mail', () => {
    const c = parse('Hi team,\n\nBob Kelly cannot sign in to Outlook since this morning, can you check?\n\nThanks,\nMegan Bowen\nIT Support');
    expect(c).toMatchObject({ intent: 'diagnose', userId: ID.bob, app: 'Office 365 Exchange Online' });
  });

  it('a forwarded mail: its headers name no one', () => {
    const c = parse(
      'From: Megan Bowen <megan.bowen@contoso.com>\nSent: Friday, November 20, 2026 9:14 AM\nTo: IT Helpdesk\nSubject: RE: login\n\nHi,\nJoni Sherman is locked out again.\n\nRegards,\nMegan',
    );
    expect(c).toMatchObject({ intent: 'lock-state', userDisplayName: 'Joni Sherman' });
  });

  it('a Teams @mention of a colleague is not the person asked about', () => {
    expect(parse('<at>Sign-in Diagnostics</at> <at>Miriam Graham</at> why did bob fail')).toMatchObject({ intent: 'diagnose', userId: ID.bob });
  });
});

describe('the asker', () => {
  it.each([
    ["why can't I sign in", 'diagnose'],
    ['am I locked out?', 'lock-state'],
    ['which policies apply to me', 'policies-for'],
    ['show my sign-ins', 'list'],
  ])('%s', (text, intent) => {
    expect(parse(text)).toMatchObject({ intent, user: 'me' });
  });
});

describe('an empty directory', () => {
  it('says nothing about who is nobody: names are read as without one', () => {
    expect(parseMessage('why did dave fail', { ...ctx, people: [] })).toMatchObject({ intent: 'diagnose', user: 'dave' });
  });
});
