import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/conversation/command.ts';
import { changesOf, followUpShape, merge, rememberedOf, resolveFollowUp, type Remembered } from '../../src/conversation/follow-up.ts';

/** The pure merging of a follow-up with the last remembered command; the parses are written out as the parser gives them. */
const BOB = { user: 'bob.kelly@contoso.com', userText: 'bob', userId: 'b0b', userDisplayName: 'Bob Kelly' };
const ALICE = { user: 'alice.nguyen@contoso.com', userText: 'alice', userId: 'a11ce', userDisplayName: 'Alice Nguyen' };
const TODAY = { since: '2026-11-21T00:00:00.000Z', until: '2026-11-21T01:00:00.000Z', timeText: 'today' };
const YESTERDAY = { since: '2026-11-20T00:00:00.000Z', until: '2026-11-21T00:00:00.000Z', timeText: 'yesterday' };
const LAST_WEEK = { since: '2026-11-09T00:00:00.000Z', until: '2026-11-16T00:00:00.000Z', timeText: 'last week' };
const parsed = (c: Partial<Command>): Command => ({ intent: 'help', understood: [], ...c });

function follow(text: string, said: Partial<Command> | undefined, last: Remembered | undefined) {
  const shape = followUpShape(text);
  if (!shape) throw new Error(`not a follow-up shape: ${text}`);
  return resolveFollowUp(shape, said ? parsed(said) : undefined, last);
}

describe('follow-up shapes', () => {
  it('reads the cue and leaves the rest', () => {
    expect(followUpShape('and yesterday?')).toEqual({ kind: 'more', rest: 'yesterday?', cued: true });
    expect(followUpShape('What about  last week?')).toEqual({ kind: 'more', rest: 'last week?', cued: true });
    expect(followUpShape('how about alice')).toEqual({ kind: 'more', rest: 'alice', cued: true });
    expect(followUpShape('same for joni')).toEqual({ kind: 'more', rest: 'joni', cued: true });
    expect(followUpShape('and what about bob?')).toEqual({ kind: 'more', rest: 'bob?', cued: true });
    expect(followUpShape('yesterday')).toEqual({ kind: 'more', rest: 'yesterday', cued: false });
    for (const w of ['why?', 'Why', 'and why?', 'how come?', 'why is that?']) expect(followUpShape(w), w).toEqual({ kind: 'why' });
  });
  it('a long message is a question in full', () => {
    expect(followUpShape('and why did bob kelly fail to sign in to outlook yesterday')).toBeUndefined();
    expect(followUpShape('   ')).toBeUndefined();
  });
});

describe('what a follow-up changes', () => {
  it('a window, a person, an app; filler words carry nothing', () => {
    expect(changesOf('yesterday?', parsed({ intent: 'list', ...YESTERDAY }))).toEqual({ window: YESTERDAY });
    expect(changesOf('alice?', parsed({ intent: 'diagnose', ...ALICE }))).toEqual({ person: ALICE });
    expect(changesOf('for alice then', parsed({ intent: 'diagnose', ...ALICE }))).toEqual({ person: ALICE });
    expect(changesOf('in outlook', parsed({ app: 'Office 365 Exchange Online', appText: 'outlook' }))).toEqual({
      app: { app: 'Office 365 Exchange Online', appText: 'outlook' },
    });
  });
  it('a name the directory does not know, or a full question, is no change', () => {
    expect(changesOf('dave?', parsed({ unclear: true }))).toBeUndefined();
    expect(changesOf('why did bob fail', parsed({ intent: 'diagnose', ...BOB }))).toBeUndefined();
  });
});

describe('resolving a follow-up', () => {
  const diagnoseBob: Remembered = { intent: 'diagnose', ...BOB };
  it('"and yesterday?" / "what about last week?": the previous command with the new window', () => {
    const r = follow('and yesterday?', { intent: 'list', ...YESTERDAY }, diagnoseBob);
    expect(r).toEqual({ kind: 'command', command: { intent: 'diagnose', ...BOB, ...YESTERDAY, understood: ['follow-up', 'time "yesterday"'] } });
    const week = follow('what about last week?', { ...LAST_WEEK }, { intent: 'list', ...ALICE, ...TODAY, app: 'Salesforce' });
    expect(week).toMatchObject({ kind: 'command', command: { intent: 'list', ...ALICE, ...LAST_WEEK, app: 'Salesforce' } });
  });
  it('"what about alice?" / "and bob?": the previous command (intent, app, window) for the new person', () => {
    const r = follow('what about alice?', { intent: 'diagnose', ...ALICE }, { intent: 'diagnose', ...BOB, ...YESTERDAY, app: 'Salesforce', errorCode: 53003 });
    expect(r).toMatchObject({ kind: 'command', command: { intent: 'diagnose', ...ALICE, ...YESTERDAY, app: 'Salesforce', errorCode: 53003 } });
    expect(follow('and bob?', { intent: 'list', ...BOB }, { intent: 'list', ...ALICE, ...LAST_WEEK })).toMatchObject({
      kind: 'command',
      command: { intent: 'list', ...BOB, ...LAST_WEEK },
    });
  });
  it("a person after a tenant-wide list: that person's view of it", () => {
    expect(follow('what about alice?', { intent: 'diagnose', ...ALICE }, { intent: 'failures', ...TODAY })).toMatchObject({
      command: { intent: 'list', ...ALICE, ...TODAY },
    });
    expect(follow('and bob?', { intent: 'list', ...BOB }, { intent: 'lockouts', ...TODAY })).toMatchObject({ command: { intent: 'lock-state', ...BOB } });
  });
  it('a person whose name is not settled carries its candidates on (the answer asks "did you mean")', () => {
    const candidates = [{ id: 'j', displayName: 'Joni Sherman' }];
    const r = follow('what about jon?', { intent: 'diagnose', userText: 'jon', userCandidates: candidates }, diagnoseBob);
    expect(r).toEqual({
      kind: 'command',
      command: { intent: 'diagnose', userText: 'jon', userCandidates: candidates, understood: ['follow-up', 'person "jon"'] },
    });
  });
  it('"why?" after one person\'s list diagnoses them in its window; after a tenant-wide list asks which one', () => {
    expect(follow('why?', undefined, { intent: 'list', ...BOB, ...YESTERDAY, app: 'Salesforce' })).toEqual({
      kind: 'command',
      command: { intent: 'diagnose', ...BOB, ...YESTERDAY, app: 'Salesforce', understood: ['follow-up: why'] },
    });
    expect(follow('why?', undefined, { intent: 'failures', ...TODAY })).toEqual({ kind: 'which-one', after: 'failures' });
    expect(follow('why?', undefined, { intent: 'lockouts', ...TODAY })).toEqual({ kind: 'which-one', after: 'lockouts' });
  });
  it('nothing remembered: help, whatever the follow-up', () => {
    expect(follow('and yesterday?', { intent: 'list', ...YESTERDAY }, undefined)).toEqual({ kind: 'help', why: 'nothing-remembered' });
    expect(follow('what about alice?', { intent: 'diagnose', ...ALICE }, undefined)).toEqual({ kind: 'help', why: 'nothing-remembered' });
    expect(follow('why?', undefined, undefined)).toEqual({ kind: 'help', why: 'nothing-remembered' });
    expect(follow('and dave?', { unclear: true }, undefined)).toEqual({ kind: 'help', why: 'nothing-remembered' });
  });
  it('a stray word after a cue is help, not a lookup; a full question after "and" is read as it stands', () => {
    expect(follow('and dave?', { unclear: true }, diagnoseBob)).toEqual({ kind: 'help', why: 'not-understood' });
    expect(follow('and why did alice fail', { intent: 'diagnose', ...ALICE }, diagnoseBob)).toEqual({ kind: 'not-follow-up' });
  });
  it('without a cue, only a bare person or time follows up, and only when something is remembered', () => {
    expect(follow('yesterday', { intent: 'list', ...YESTERDAY }, diagnoseBob)).toMatchObject({ command: { intent: 'diagnose', ...BOB, ...YESTERDAY } });
    expect(follow('yesterday', { intent: 'list', ...YESTERDAY }, undefined)).toEqual({ kind: 'not-follow-up' });
    expect(follow('why did alice fail', { intent: 'diagnose', ...ALICE }, diagnoseBob)).toEqual({ kind: 'not-follow-up' });
  });
});

describe('what is remembered', () => {
  it('the parameters of the command, not its ids of one attempt nor its parse details', () => {
    const c: Command = { intent: 'diagnose', confidence: 0.9, ...BOB, ...YESTERDAY, correlationId: 'x', ip: '1.2.3.4', understood: ['person "bob"'] };
    expect(rememberedOf(c)).toEqual({ intent: 'diagnose', ...BOB, ...YESTERDAY, ip: '1.2.3.4' });
    expect(merge(rememberedOf(c), { window: LAST_WEEK })).toMatchObject({ ...LAST_WEEK, ip: '1.2.3.4' });
  });
});
