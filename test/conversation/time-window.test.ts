import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWindow, parseTimeWindow } from '../../src/conversation/time-window.ts';

/**
 * Time phrases and the windows they are read as. The clock is Thursday 26 November 2026,
 * 18:30 UTC: 10:30 in Los Angeles, 19:30 in Berlin, and already Friday 03:30 in Tokyo.
 * Expected times are written as the asker's wall clock with its offset, so each row reads the
 * way a person would check it ("yesterday" in Los Angeles is 25 November 00:00 to 24:00, -08:00).
 */
const NOW = '2026-11-26T18:30:00Z';
const LA = 'America/Los_Angeles';
const BERLIN = 'Europe/Berlin';
const TOKYO = 'Asia/Tokyo';
const NY = 'America/New_York';

/** A wall-clock time with its offset ("2026-11-26T06:00-08:00") → the ISO instant the window carries. */
const utc = (local: string) => new Date(local).toISOString();

type Row = [phrase: string, since: string, until: string];

function table(zone: string, now: string, rows: Row[]) {
  for (const [phrase, since, until] of rows) {
    it(`${phrase} (${zone}, ${now})`, () => {
      const w = parseTimeWindow(phrase, now, zone);
      expect(w, `"${phrase}" should be a time`).toBeDefined();
      expect({ since: w!.since, until: w!.until }).toEqual({ since: utc(since), until: utc(until) });
    });
  }
}

describe('days, weeks and months (Los Angeles, Thursday 10:30 PST)', () => {
  const L = (t: string) => `${t}-08:00`;
  const now = L('2026-11-26T10:30');
  table(LA, NOW, [
    ['today', L('2026-11-26T00:00'), now],
    ['earlier today', L('2026-11-26T00:00'), now],
    ['yesterday', L('2026-11-25T00:00'), L('2026-11-26T00:00')],
    ['the day before yesterday', L('2026-11-24T00:00'), L('2026-11-25T00:00')],
    ['on Tuesday', L('2026-11-24T00:00'), L('2026-11-25T00:00')],
    ['last Tuesday', L('2026-11-24T00:00'), L('2026-11-25T00:00')],
    // A weekday is the most recent one: today's so far; "last" is the one before today.
    ['on Thursday', L('2026-11-26T00:00'), now],
    ['this Thursday', L('2026-11-26T00:00'), now],
    ['last Thursday', L('2026-11-19T00:00'), L('2026-11-20T00:00')],
    ['3 days ago', L('2026-11-23T00:00'), L('2026-11-24T00:00')],
    ['since Tuesday', L('2026-11-24T00:00'), now],
    ['since yesterday', L('2026-11-25T00:00'), now],
    ['from monday to wednesday', L('2026-11-23T00:00'), L('2026-11-26T00:00')],
    // Weeks start on Monday.
    ['this week', L('2026-11-23T00:00'), now],
    ['last week', L('2026-11-16T00:00'), L('2026-11-23T00:00')],
    ['the previous week', L('2026-11-16T00:00'), L('2026-11-23T00:00')],
    // "the last week", "past week": the seven days before now, not the calendar week.
    ['in the last week', L('2026-11-19T10:30'), now],
    ['over the weekend', L('2026-11-21T00:00'), L('2026-11-23T00:00')],
    ['the weekend', L('2026-11-21T00:00'), L('2026-11-23T00:00')],
    ['this weekend', L('2026-11-21T00:00'), L('2026-11-23T00:00')],
    ['last weekend', L('2026-11-21T00:00'), L('2026-11-23T00:00')],
    // 1 November 00:00 is still summer time (-07:00): the clocks went back at 02:00.
    ['this month', '2026-11-01T00:00-07:00', now],
    ['last month', '2026-10-01T00:00-07:00', '2026-11-01T00:00-07:00'],
    ['in November', '2026-11-01T00:00-07:00', now],
    ['in May', '2026-05-01T00:00-07:00', '2026-06-01T00:00-07:00'],
  ]);
});

describe('dates (Los Angeles)', () => {
  const L = (t: string) => `${t}-08:00`;
  table(LA, NOW, [
    ['Nov 18', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    ['on 18 November', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    ['November 18th, 2026', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    ['2026-11-18', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    // A number over 12 is the day, whichever way round.
    ['18/11', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    ['11/18', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    // Both 12 or under: the asker's order; in a US zone, month first (11 March, summer time).
    ['3/11', '2026-03-11T00:00-07:00', '2026-03-12T00:00-07:00'],
    ['18.11.2026', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    ['3-11-2026', '2026-03-11T00:00-07:00', '2026-03-12T00:00-07:00'],
    // Forms the patterns leave to chrono-node.
    ['18-Nov-2026', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    ['2026.11.18', L('2026-11-18T00:00'), L('2026-11-19T00:00')],
    // A date without a year is never in the future: Christmas is last year's.
    ['Dec 25', L('2025-12-25T00:00'), L('2025-12-26T00:00')],
    ['Thursday the 19th of November', L('2026-11-19T00:00'), L('2026-11-20T00:00')],
    ['Tue 17 Nov at 3pm', L('2026-11-17T14:30'), L('2026-11-17T15:30')],
  ]);
});

describe('parts of a day (Los Angeles, 10:30)', () => {
  const L = (t: string) => `${t}-08:00`;
  const now = L('2026-11-26T10:30');
  table(LA, NOW, [
    ['this morning', L('2026-11-26T06:00'), now],
    ['early this morning', L('2026-11-26T06:00'), L('2026-11-26T09:00')],
    ['this am', L('2026-11-26T06:00'), now],
    ['early in the morning', L('2026-11-26T06:00'), L('2026-11-26T09:00')],
    ['in the morning', L('2026-11-26T06:00'), now],
    ['yesterday morning', L('2026-11-25T06:00'), L('2026-11-25T12:00')],
    ['monday morning', L('2026-11-23T06:00'), L('2026-11-23T12:00')],
    ['wednesday afternoon', L('2026-11-25T12:00'), L('2026-11-25T18:00')],
    ['on Wednesday in the afternoon', L('2026-11-25T12:00'), L('2026-11-25T18:00')],
    ['yesterday afternoon', L('2026-11-25T12:00'), L('2026-11-25T18:00')],
    ['late yesterday afternoon', L('2026-11-25T15:00'), L('2026-11-25T18:00')],
    // A part of today that has not begun is the most recent one: yesterday's, or last week's for a weekday.
    ['this afternoon', L('2026-11-25T12:00'), L('2026-11-25T18:00')],
    ['thursday afternoon', L('2026-11-19T12:00'), L('2026-11-19T18:00')],
    ['this evening', L('2026-11-25T18:00'), L('2026-11-25T22:00')],
    ['yesterday evening', L('2026-11-25T18:00'), L('2026-11-25T22:00')],
    ['last night', L('2026-11-25T20:00'), L('2026-11-26T06:00')],
    ['monday night', L('2026-11-23T20:00'), L('2026-11-24T06:00')],
    ['tonight', L('2026-11-25T18:00'), L('2026-11-26T06:00')],
    ['Sat morning', L('2026-11-21T06:00'), L('2026-11-21T12:00')],
    ['since this morning', L('2026-11-26T06:00'), now],
  ]);
});

describe('clock times (Los Angeles, 10:30)', () => {
  const L = (t: string) => `${t}-08:00`;
  const now = L('2026-11-26T10:30');
  table(LA, NOW, [
    // Half an hour either side; a time later than now today is yesterday's.
    ['around 3pm', L('2026-11-25T14:30'), L('2026-11-25T15:30')],
    ['at about 3', L('2026-11-25T14:30'), L('2026-11-25T15:30')],
    ['at 4:15pm', L('2026-11-25T15:45'), L('2026-11-25T16:45')],
    ['4:15pm', L('2026-11-25T15:45'), L('2026-11-25T16:45')],
    ['at 10am', L('2026-11-26T09:30'), now],
    ['at 9', L('2026-11-26T08:30'), L('2026-11-26T09:30')],
    ['at 09:00', L('2026-11-26T08:30'), L('2026-11-26T09:30')],
    ['around noon', L('2026-11-25T11:30'), L('2026-11-25T12:30')],
    ['on Tuesday around 9am', L('2026-11-24T08:30'), L('2026-11-24T09:30')],
    ['yesterday at 3', L('2026-11-25T14:30'), L('2026-11-25T15:30')],
    ['this morning at 9', L('2026-11-26T08:30'), L('2026-11-26T09:30')],
    ['last night at 11', L('2026-11-25T22:30'), L('2026-11-25T23:30')],
    ['last night at 2', L('2026-11-26T01:30'), L('2026-11-26T02:30')],
    ['2 hours ago', L('2026-11-26T08:00'), L('2026-11-26T09:00')],
    ['before 7am', L('2026-11-26T00:00'), L('2026-11-26T07:00')],
    ['after 5pm', L('2026-11-25T17:00'), L('2026-11-26T00:00')],
    ['after 9am', L('2026-11-26T09:00'), now],
    ['until 9', L('2026-11-26T00:00'), L('2026-11-26T09:00')],
    ['till 9am', L('2026-11-26T00:00'), L('2026-11-26T09:00')],
    ['until midnight', L('2026-11-26T00:00'), now],
    ['since 8am', L('2026-11-26T08:00'), now],
    ['since Tuesday 8am', L('2026-11-24T08:00'), now],
    ['between 9 and 11am', L('2026-11-26T09:00'), now],
    ['between 1 and 3pm', L('2026-11-25T13:00'), L('2026-11-25T15:00')],
    ['between 11 and 2', L('2026-11-25T11:00'), L('2026-11-25T14:00')],
    ['from 2 to 4pm', L('2026-11-25T14:00'), L('2026-11-25T16:00')],
    ['from 9:30 to 10:15am', L('2026-11-26T09:30'), L('2026-11-26T10:15')],
    ['yesterday between 9 and 11am', L('2026-11-25T09:00'), L('2026-11-25T11:00')],
    ['9-11am yesterday', L('2026-11-25T09:00'), L('2026-11-25T11:00')],
  ]);
});

describe('counted back from now', () => {
  const L = (t: string) => `${t}-08:00`;
  const now = L('2026-11-26T10:30');
  table(LA, NOW, [
    ['last 2 hours', L('2026-11-26T08:30'), now],
    ['in the last 2 hours', L('2026-11-26T08:30'), now],
    ['past 30 minutes', L('2026-11-26T10:00'), now],
    ['last 24h', L('2026-11-25T10:30'), now],
    ['in the last day', L('2026-11-25T10:30'), now],
    ['in the last hour', L('2026-11-26T09:30'), now],
    ['over the last three days', L('2026-11-23T10:30'), now],
    ['the past couple of hours', L('2026-11-26T08:30'), now],
    // "right now": the last 15 minutes, enough to hold the attempt that prompted the question.
    ['right now', L('2026-11-26T10:15'), now],
    ['just now', L('2026-11-26T10:15'), now],
  ]);
});

describe('zones named in the text win over the asker’s', () => {
  const cases: [phrase: string, asker: string, zone: string, since: string, until: string][] = [
    ['at 4:15pm eastern on monday', LA, NY, '2026-11-23T15:45-05:00', '2026-11-23T16:45-05:00'],
    // 15:00 in New York is still to come at 13:30 there: yesterday's.
    ['3pm ET', LA, NY, '2026-11-25T14:30-05:00', '2026-11-25T15:30-05:00'],
    ['3pm EST', BERLIN, NY, '2026-11-25T14:30-05:00', '2026-11-25T15:30-05:00'],
    // EDT in November is New York's clock, which is on standard time: the region, not the letters.
    ['3pm EDT', BERLIN, NY, '2026-11-25T14:30-05:00', '2026-11-25T15:30-05:00'],
    ['at 3pm pacific', BERLIN, LA, '2026-11-25T14:30-08:00', '2026-11-25T15:30-08:00'],
    ['3pm PT', TOKYO, LA, '2026-11-25T14:30-08:00', '2026-11-25T15:30-08:00'],
    ['at 3 central', LA, 'America/Chicago', '2026-11-25T14:30-06:00', '2026-11-25T15:30-06:00'],
    ['9am mountain time', LA, 'America/Denver', '2026-11-26T08:30-07:00', '2026-11-26T09:30-07:00'],
    ['10am UTC', LA, 'UTC', '2026-11-26T09:30Z', '2026-11-26T10:30Z'],
    ['10am GMT', LA, 'UTC', '2026-11-26T09:30Z', '2026-11-26T10:30Z'],
    ['2pm CET', LA, BERLIN, '2026-11-26T13:30+01:00', '2026-11-26T14:30+01:00'],
    ['at 3 London time', LA, 'Europe/London', '2026-11-26T14:30Z', '2026-11-26T15:30Z'],
    ['yesterday New York time', LA, NY, '2026-11-25T00:00-05:00', '2026-11-26T00:00-05:00'],
    // IST is India's. 09:00 on the 27th there is still to come (it is just midnight).
    ['9am IST', LA, 'Asia/Kolkata', '2026-11-26T08:30+05:30', '2026-11-26T09:30+05:30'],
    // AEST means Sydney's clock, on summer time (+11) in November.
    ['9am AEST', LA, 'Australia/Sydney', '2026-11-26T08:30+11:00', '2026-11-26T09:30+11:00'],
    ['4pm UTC+2', LA, 'Etc/GMT-2', '2026-11-26T15:30+02:00', '2026-11-26T16:30+02:00'],
  ];
  for (const [phrase, asker, zone, since, until] of cases) {
    it(`${phrase} (asked in ${asker})`, () => {
      const w = parseTimeWindow(phrase, NOW, asker)!;
      expect(w).toMatchObject({ since: utc(since), until: utc(until), timeZone: zone, zoneNamed: true, text: phrase });
    });
  }

  it('without a zone in the text, the asker’s is used and said to be', () => {
    expect(parseTimeWindow('yesterday', NOW, BERLIN)).toMatchObject({ timeZone: BERLIN, zoneNamed: false });
  });

  it('"local time" is the asker’s', () => {
    expect(parseTimeWindow('at 9am local time', NOW, BERLIN)).toMatchObject({ timeZone: BERLIN, zoneNamed: false, text: 'at 9am local time' });
  });
});

describe('Berlin (Thursday 19:30 CET) and Tokyo (already Friday 03:30 JST)', () => {
  const B = (t: string) => `${t}+01:00`;
  const T = (t: string) => `${t}+09:00`;
  table(BERLIN, NOW, [
    ['today', B('2026-11-26T00:00'), B('2026-11-26T19:30')],
    ['yesterday', B('2026-11-25T00:00'), B('2026-11-26T00:00')],
    ['this morning', B('2026-11-26T06:00'), B('2026-11-26T12:00')],
    ['this afternoon', B('2026-11-26T12:00'), B('2026-11-26T18:00')],
    ['this evening', B('2026-11-26T18:00'), B('2026-11-26T19:30')],
    ['tonight', B('2026-11-26T18:00'), B('2026-11-26T19:30')],
    ['last night', B('2026-11-25T20:00'), B('2026-11-26T06:00')],
    ['after 5pm', B('2026-11-26T17:00'), B('2026-11-26T19:30')],
    ['around 3pm', B('2026-11-26T14:30'), B('2026-11-26T15:30')],
    ['this week', B('2026-11-23T00:00'), B('2026-11-26T19:30')],
    // Outside the United States the day comes first: 3 November.
    ['3/11', B('2026-11-03T00:00'), B('2026-11-04T00:00')],
    ['11/3', B('2026-03-11T00:00'), B('2026-03-12T00:00')],
  ]);
  table(TOKYO, NOW, [
    ['today', T('2026-11-27T00:00'), T('2026-11-27T03:30')],
    ['yesterday', T('2026-11-26T00:00'), T('2026-11-27T00:00')],
    // 03:30 on a Friday: the day has barely begun, so "on Friday" is last week's; "this Friday" is today's.
    ['on Friday', T('2026-11-20T00:00'), T('2026-11-21T00:00')],
    ['this Friday', T('2026-11-27T00:00'), T('2026-11-27T03:30')],
    ['on Thursday', T('2026-11-26T00:00'), T('2026-11-27T00:00')],
    ['this morning', T('2026-11-26T06:00'), T('2026-11-26T12:00')],
    ['last night', T('2026-11-26T20:00'), T('2026-11-27T03:30')],
    ['this week', T('2026-11-23T00:00'), T('2026-11-27T03:30')],
    ['over the weekend', T('2026-11-21T00:00'), T('2026-11-23T00:00')],
    ['at about 3', T('2026-11-26T14:30'), T('2026-11-26T15:30')],
  ]);
});

describe('the days the clocks change', () => {
  // New York falls back on Sunday 1 November 2026 at 02:00 EDT (-04:00 → -05:00).
  table(NY, '2026-11-01T18:00:00Z', [
    ['today', '2026-11-01T00:00-04:00', '2026-11-01T13:00-05:00'],
    ['this morning', '2026-11-01T06:00-05:00', '2026-11-01T12:00-05:00'],
    // 01:30 happened twice: the first.
    ['at 1:30am', '2026-11-01T01:00-04:00', '2026-11-01T01:00-05:00'],
    ['last night', '2026-10-31T20:00-04:00', '2026-11-01T06:00-05:00'],
    ['over the weekend', '2026-10-31T00:00-04:00', '2026-11-01T13:00-05:00'],
  ]);
  table(NY, '2026-11-02T15:00:00Z', [
    ['yesterday', '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00'],
    ['last week', '2026-10-26T00:00-04:00', '2026-11-02T00:00-05:00'],
    ['last weekend', '2026-10-31T00:00-04:00', '2026-11-02T00:00-05:00'],
  ]);
  // Berlin springs forward on Sunday 29 March 2026 at 02:00 CET (+01:00 → +02:00).
  table(BERLIN, '2026-03-29T12:00:00Z', [
    ['today', '2026-03-29T00:00+01:00', '2026-03-29T14:00+02:00'],
    ['this morning', '2026-03-29T06:00+02:00', '2026-03-29T12:00+02:00'],
    ['before 7am', '2026-03-29T00:00+01:00', '2026-03-29T07:00+02:00'],
    // 02:30 never happened: read as a clock set by hand would show it, 03:30.
    ['at 2:30am', '2026-03-29T03:00+02:00', '2026-03-29T04:00+02:00'],
  ]);
  table(BERLIN, '2026-03-30T10:00:00Z', [
    ['yesterday', '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00'],
    ['last night', '2026-03-29T20:00+02:00', '2026-03-30T06:00+02:00'],
    ['over the weekend', '2026-03-28T00:00+01:00', '2026-03-30T00:00+02:00'],
    ['at 4:15pm eastern on friday', '2026-03-27T15:45-04:00', '2026-03-27T16:45-04:00'],
  ]);
});

describe('the words that said it come back as typed, to be taken out of the message', () => {
  const cases: [message: string, text: string][] = [
    ['why did bob fail yesterday', 'yesterday'],
    ['why did bob fail this morning?', 'this morning'],
    ['why did bob fail at 4:15pm eastern on monday', 'at 4:15pm eastern on monday'],
    ['Why did Bob fail on Tuesday around 9am', 'on Tuesday around 9am'],
    ['show me everything for Ana Souza since monday', 'since monday'],
    ['bob failed 9-11am yesterday', '9-11am yesterday'],
    ['why did bob fail over the last 3 days', 'over the last 3 days'],
    ['why did bob fail, wednesday afternoon, in outlook', 'wednesday afternoon'],
  ];
  for (const [message, text] of cases) {
    it(message, () => expect(parseTimeWindow(message, NOW, LA)?.text).toBe(text));
  }
});

describe('words that only contain time words are not times', () => {
  const none = [
    'why did bob fail',
    'why did May Chen fail',
    'ask May Chen about it',
    'it may fail again',
    'I sat down and it failed',
    'the sun was in my eyes',
    'Sun Li cannot sign in',
    'the second factor failed',
    'she failed the second factor twice',
    "the morning shift account can't sign in",
    'the night crew is locked out',
    'bob failed 3 times',
    'at least 3 people are locked out',
    'about 5 attempts from one IP',
    // Plain "now" is filler; the default window ends now anyway.
    'bob cannot sign in now',
    'the Pacific team',
    'the office in Mountain View',
    'EST',
    "c'mon bob",
    'march on',
  ];
  for (const message of none) {
    it(message, () => expect(parseTimeWindow(message, NOW, LA)).toBeUndefined());
  }
});

describe('what the window was read as, in words and times', () => {
  it('a part of a day', () => {
    expect(parseTimeWindow('wednesday afternoon', NOW, LA)?.described).toBe('Wednesday 25 November 12:00 – 18:00 (America/Los Angeles)');
  });
  it('a whole day ends at 24:00', () => {
    expect(parseTimeWindow('yesterday', NOW, LA)?.described).toBe('Wednesday 25 November 00:00 – 24:00 (America/Los Angeles)');
  });
  it('a window that runs to now says so', () => {
    expect(parseTimeWindow('this week', NOW, LA)?.described).toBe('Monday 23 November 00:00 – Thursday 26 November 10:30, now (America/Los Angeles)');
  });
  it('across midnight', () => {
    expect(parseTimeWindow('last night', NOW, LA)?.described).toBe('Wednesday 25 November 20:00 – Thursday 26 November 06:00 (America/Los Angeles)');
  });
  it('in the zone the text named', () => {
    expect(parseTimeWindow('at 4:15pm eastern on monday', NOW, LA)?.described).toBe('Monday 23 November 15:45 – 16:45 (America/New York)');
  });
  it('another year shows its year', () => {
    expect(parseTimeWindow('Dec 25', NOW, LA)?.described).toBe('Thursday 25 December 2025 00:00 – 24:00 (America/Los Angeles)');
  });
  it('the clocks changing inside the window: each end names its offset', () => {
    expect(describeWindow({ since: '2026-11-01T05:00:00.000Z', until: '2026-11-01T06:00:00.000Z' }, NY, '2026-11-01T18:00:00Z')).toBe(
      'Sunday 1 November 01:00 EDT – 01:00 EST (America/New York)',
    );
  });
  it('without a clock to compare, the year is shown', () => {
    expect(describeWindow({ since: '2026-11-23T14:00:00.000Z', until: '2026-11-23T20:00:00.000Z' }, LA)).toBe(
      'Monday 23 November 2026 06:00 – 12:00 (America/Los Angeles)',
    );
  });
});

describe('the calling conventions', () => {
  it('a context object reads the same as (text, now, zone)', () => {
    expect(parseTimeWindow('yesterday', { now: NOW, timeZone: BERLIN })).toEqual(parseTimeWindow('yesterday', NOW, BERLIN));
  });
  it('the asker’s locale decides the order of an ambiguous date', () => {
    expect(parseTimeWindow('3/11', { now: NOW, timeZone: LA, locale: 'en-GB' })?.since).toBe(utc('2026-11-03T00:00-08:00'));
    expect(parseTimeWindow('3/11', { now: NOW, timeZone: BERLIN, locale: 'en-US' })?.since).toBe(utc('2026-03-11T00:00+01:00'));
  });
  it('an unknown zone is read as UTC', () => {
    expect(parseTimeWindow('yesterday', NOW, 'Mars/Olympus_Mons')).toMatchObject({
      since: '2026-11-25T00:00:00.000Z',
      until: '2026-11-26T00:00:00.000Z',
      timeZone: 'UTC',
    });
  });
  it('no clock, no window', () => {
    expect(parseTimeWindow('yesterday', 'not a date', LA)).toBeUndefined();
  });
  it('a date in the future is an empty window at now, never one after it', () => {
    expect(parseTimeWindow('2027-01-05', NOW, LA)).toMatchObject({ since: '2026-11-26T18:30:00.000Z', until: '2026-11-26T18:30:00.000Z' });
  });
});

describe('any window', () => {
  const words = [
    'today',
    'yesterday',
    'the day before yesterday',
    'on',
    'last',
    'this',
    'since',
    'after',
    'before',
    'until',
    'between',
    'and',
    'from',
    'to',
    'at',
    'around',
    'about',
    'monday',
    'Tuesday',
    'sat',
    'sun',
    'morning',
    'afternoon',
    'evening',
    'night',
    'tonight',
    'early',
    'late',
    'week',
    'weekend',
    'month',
    'over the',
    '3',
    '9',
    '11am',
    '4:15pm',
    '3pm',
    '15:00',
    'noon',
    'midnight',
    '2 hours',
    'past 30 minutes',
    'ago',
    'right now',
    'now',
    'Nov 18',
    '18/11',
    '3/11',
    '2026-11-18',
    'Feb 29',
    'Dec 31',
    'eastern',
    'ET',
    'PT',
    'UTC',
    'GMT',
    'CET',
    'IST',
    'AEST',
    'London time',
    'UTC+5',
    'May',
    'Chen',
    'bob',
    'failed',
    ',',
    'in the',
  ];
  const zones = [LA, BERLIN, TOKYO, NY, 'UTC', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Santiago', 'Pacific/Chatham', 'America/St_Johns'];

  it('runs from since to until, never past now, in valid ISO, from words found in the message', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { maxLength: 8 }),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (parts, now, zone) => {
          const message = parts.join(' ');
          const w = parseTimeWindow(message, now.toISOString(), zone);
          if (!w) return;
          const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
          expect(w.since).toMatch(iso);
          expect(w.until).toMatch(iso);
          expect(Date.parse(w.since)).toBeLessThanOrEqual(Date.parse(w.until));
          expect(Date.parse(w.until)).toBeLessThanOrEqual(now.getTime());
          expect(message).toContain(w.text);
          expect(w.described).toContain(w.timeZone.replace(/_/g, ' '));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(() => parseTimeWindow(text, NOW, LA)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('"from" before a day or a span names that span', () => {
  const now = '2026-11-21T01:00:00Z';
  const tz = 'America/Los_Angeles';
  it('"logins from yesterday" are yesterday\'s, "from last week" last week\'s; "from 9am" still runs on to now', () => {
    for (const [from, plain] of [
      ['from yesterday', 'yesterday'],
      ['from last week', 'last week'],
      ['from tuesday', 'tuesday'],
    ]) {
      const a = parseTimeWindow(from!, now, tz)!;
      const b = parseTimeWindow(plain!, now, tz)!;
      expect([a.since, a.until]).toEqual([b.since, b.until]);
    }
    expect(parseTimeWindow('from 9am', now, tz)).toMatchObject({ since: '2026-11-20T17:00:00.000Z', until: '2026-11-21T01:00:00.000Z' });
  });
});
