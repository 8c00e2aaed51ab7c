import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { openSource } from '../../src/sources.ts';
import { SCENARIOS } from '../../src/diagnosis/scenarios/index.ts';
import { explainCard, helpCard } from '../../src/cards/simple-cards.ts';
import { keepWhole } from '../../src/cards/localized.ts';
import { lookupCode } from '../../src/diagnosis/catalog.ts';
import { asDiagError } from '../../src/errors.ts';
import { LOCALES, type Locale } from '../../src/i18n/locales.ts';
import { CATALOGUES, CODE_CATALOGUES, t } from '../../src/i18n/translate.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { diagnosisCard } from '../../src/cards/diagnosis-card.ts';
import { REMEDIATIONS, REMEDIATION_IDS } from '../../src/diagnosis/remediations.ts';
import { FileItemStore } from '../../src/notify/items.ts';
import { TicketDesk } from '../../src/tickets/desk.ts';
import type { TicketTarget } from '../../src/tickets/target.ts';
import { answerAction } from '../../src/routes/index.ts';
import { diagnoseStory } from '../helpers/scenario-fixtures.ts';
import { ticketStatusCard, type TicketStatusView } from '../../src/cards/ticket-status-card.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Issue 21: the cards in the asker's language, English unchanged, every card within Teams' 28 KB. */
let ctx: AnswerContext;
beforeAll(() => {
  const source = openSource(undefined);
  ctx = { source, now: source.asOf()!, timeZone: 'Europe/Berlin', appNames: source.appNames(), allUsers: source.allUsers() };
});

const json = (x: unknown) => JSON.stringify(x);
const OTHERS = LOCALES.filter((l) => l !== 'en');

describe('the scenarios in the catalogues', () => {
  it('English says each scenario exactly as its module does (the catalogue is not a second, drifting copy)', () => {
    for (const s of SCENARIOS) {
      expect(t('en', `scenario.${s.id}.title` as never), s.id).toBe(s.title);
      expect(t('en', `scenario.${s.id}.short` as never), s.id).toBe(s.short);
    }
    expect(Object.keys(CATALOGUES.en.scenario).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
  });
});

describe('the diagnosis card in five languages', () => {
  const cards = new Map<Locale, string>();
  beforeAll(async () => {
    for (const locale of LOCALES) cards.set(locale, json((await answerMessage('why did bob fail to sign in', { ...ctx, locale })).card));
  }, 120_000);

  it('in English is the card the bot sent before it spoke other languages', async () => {
    expect(cards.get('en')).toBe(json((await answerMessage('why did bob fail to sign in', ctx)).card));
  });

  for (const locale of OTHERS) {
    it(`${locale}: every heading, fact title and button in ${locale}, none of the English ones, valid and within 28 KB`, () => {
      const card = cards.get(locale)!;
      const labels = CATALOGUES[locale].diagnosis.label;
      // Fact titles may be kept whole (keepWhole: Japanese, with word joiners between the characters).
      for (const key of ['todo', 'correlationId', 'requestId', 'supportRequest', 'didThisHelp', 'allAttempts'] as const)
        expect(
          [labels[key], keepWhole(labels[key], locale)].some((l) => card.includes(JSON.stringify(l).slice(1, -1))),
          `${locale} ${key}`,
        ).toBe(true);
      for (const english of ['"What to do"', '"Correlation ID"', '"Did this help?"', '"All attempts"', '"title":"Result"', '"title":"Device"'])
        expect(card).not.toContain(english);
      expect(Buffer.byteLength(card)).toBeLessThan(28 * 1024);
      expect(validateCard(JSON.parse(card))).toEqual([]);
    });
  }

  it('keeps a Japanese fact title whole in the narrow column, and only there', () => {
    expect(keepWhole('サポート リクエスト', 'ja')).toBe('サ\u2060ポ\u2060ー\u2060ト リ\u2060ク\u2060エ\u2060ス\u2060ト');
    expect(keepWhole('Anforderungs-ID', 'de')).toBe('Anforderungs-ID');
    expect(cards.get('ja')).toContain('"title":"ユ\u2060ー\u2060ザ\u2060ー"');
  });

  it('writes dates as the language does, in the asker zone', () => {
    expect(cards.get('de')).toMatch(/\d{2}\.\d{2}\.2026, \d{2}:\d{2} MEZ/);
    expect(cards.get('ja')).toMatch(/2026\/\d{2}\/\d{2} \d{1,2}:\d{2}/);
  });
});

describe("the diagnosis card's ticket, escalation, remediation and incident parts in five languages", () => {
  // A ticket system that is never sent anything: with one, the card keeps its "Open a ticket" button (routes/middleware/tickets-offered.ts).
  const target: TicketTarget = { id: 'servicenow', name: 'ServiceNow', open: async () => ({ number: 'INC1', url: 'https://example.invalid' }) };
  let dir: string;
  const bob = new Map<Locale, string>();
  const megan = new Map<Locale, string>();
  const escalated = new Map<Locale, string>();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cards-i18n-'));
    const tickets = new TicketDesk(target, new FileItemStore(dir), () => {});
    const d = await diagnoseStory('unknown-error');
    for (const locale of LOCALES) {
      bob.set(locale, json((await answerMessage('why did bob fail to sign in', { ...ctx, tickets, locale })).card));
      megan.set(locale, json((await answerMessage('why did megan fail to sign in', { ...ctx, tickets, locale })).card));
      escalated.set(locale, json(diagnosisCard(d, undefined, 'UTC', { locale })));
    }
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('English says each remediation exactly as its spec does', () => {
    for (const id of REMEDIATION_IDS) {
      expect(t('en', `remediation.${id}.button` as never, { name: 'Megan Bowen' }), id).toBe(REMEDIATIONS[id].button('Megan Bowen'));
      expect(t('en', `remediation.${id}.short` as never), id).toBe(REMEDIATIONS[id].short);
    }
  });

  it('in English the parts are the ones the card had (the fixtures hold each part)', () => {
    expect(bob.get('en')).toContain('"title":"Open a ticket"');
    expect(bob.get('en')).toContain('"title":"Show the incident"');
    expect(bob.get('en')).toMatch(/"text":"This is part of an incident affecting 3 people between [^"]*: Conditional Access policy \\"/);
    expect(megan.get('en')).toContain(`"text":"Revoke Megan Bowen's sign-in sessions, with your own rights."`);
    expect(megan.get('en')).toContain('"title":"Revoke sessions"');
    expect(escalated.get('en')).toContain('"title":"Escalate to Microsoft"');
    expect(escalated.get('en')).toContain('"title":"New support request"');
  });

  for (const locale of OTHERS) {
    it(`${locale}: the ticket and escalation buttons, the remediation line and button, and the incident line in ${locale}; none in English`, () => {
      const m = CATALOGUES[locale];
      const has = (card: string, text: string) => expect(card).toContain(JSON.stringify(text).slice(1, -1));
      has(bob.get(locale)!, m.diagnosis.label.openTicket);
      has(bob.get(locale)!, m.diagnosis.label.showIncident);
      // The incident's sentence and its name ("Conditional Access policy …") from the catalogue; the policy's own name as Entra has it.
      const [before] = m.diagnosis.incident.split('{');
      has(bob.get(locale)!, before!);
      has(bob.get(locale)!, t(locale, 'incident.name.policy', { subject: 'CA004: Finance apps require a compliant device' }));
      has(megan.get(locale)!, t(locale, 'remediation.line.graph', { action: t(locale, 'remediation.revokeSessions.button', { name: 'Megan Bowen' }) }));
      has(megan.get(locale)!, m.remediation.revokeSessions.short);
      for (const text of [m.diagnosis.label.escalate, m.diagnosis.label.pasteIntro, m.diagnosis.newSupportRequest]) has(escalated.get(locale)!, text);
      // The lines pasted into Microsoft's form stay English: Microsoft support reads them.
      expect(escalated.get(locale)).toContain('Correlation ID: ');
      for (const english of [
        'Open a ticket',
        'Show the incident',
        'This is part of an incident',
        'Conditional Access policy',
        'with your own rights',
        'Revoke sessions',
      ])
        expect(bob.get(locale)! + megan.get(locale)!, english).not.toContain(english);
      for (const english of ['Escalate to Microsoft', 'New support request', 'cannot be filled in from a link'])
        expect(escalated.get(locale), english).not.toContain(english);
      for (const card of [bob.get(locale)!, megan.get(locale)!, escalated.get(locale)!]) {
        expect(Buffer.byteLength(card)).toBeLessThan(28 * 1024);
        expect(validateCard(JSON.parse(card))).toEqual([]);
      }
    });
  }

  it('offers no ticket for an attempt without a correlation id, whatever the language writes for "(none)"', async () => {
    const d = await diagnoseStory('unknown-error');
    const none = { ...d, correlationId: '', support: { ...d.support, correlationId: '' } };
    for (const locale of LOCALES) {
      expect(json(diagnosisCard(none, undefined, 'UTC', { locale })), locale).not.toContain('openTicketForm');
      expect(json(diagnosisCard(d, undefined, 'UTC', { locale })), locale).toContain('openTicketForm');
    }
  });

  it('says "no ticket system" in the language', async () => {
    const correlationId = /"verb":"remediate","data":\{"correlationId":"([^"]+)"/.exec(megan.get('de')!)![1]!;
    const de = await answerAction('openTicketForm', { correlationId }, { ...ctx, locale: 'de' });
    expect(de.text).toBe(CATALOGUES.de.ticket.none.text);
    expect(json(de.card)).toContain(CATALOGUES.de.ticket.none.title);
    expect((await answerAction('openTicketForm', { correlationId }, ctx)).text).toBe('No ticket system is set up for this bot.');
  });
});

describe('the ticket form and status cards in five languages', () => {
  let dir: string;
  let correlationId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tickets-i18n-'));
    const card = json((await answerMessage('why did megan fail to sign in', ctx)).card);
    correlationId = /"verb":"remediate","data":\{"correlationId":"([^"]+)"/.exec(card)![1]!;
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ENGLISH_FORM = [
    'Open a ticket in',
    '"Priority"',
    '3 - Moderate',
    'Who it is for',
    'Note (optional)',
    'What they told you',
    'The ticket holds',
    'Open the ticket',
  ];
  const ENGLISH_STATUS = [
    'opened by',
    'sent to',
    '"About"',
    'Ticket system',
    'Check again',
    'Try again',
    'Tried ',
    'queued',
    'Last try',
    'answered',
    'already had',
  ];

  for (const locale of LOCALES) {
    it(`${locale}: the form, then the opened ticket, in ${locale}${locale === 'en' ? ' (as before)' : ', none of it in English'}`, async () => {
      let sent = 0;
      const target: TicketTarget = { id: 'servicenow', name: 'ServiceNow', open: async () => ({ number: `INC${++sent}`, url: 'https://example.invalid/t' }) };
      const tickets = new TicketDesk(target, new FileItemStore(join(dir, locale)), () => {});
      const form = await answerAction('openTicketForm', { correlationId }, { ...ctx, tickets, locale, asker: 'Megan Bowen' });
      const formJson = json(form.card);
      const m = CATALOGUES[locale].ticket;
      expect(form.text).toBe(t(locale, 'ticket.form.reply', { target: 'ServiceNow', name: 'Megan Bowen' }));
      for (const text of [t(locale, 'ticket.form.title', { target: 'ServiceNow' }), m.form.priority, m.form.moderate, m.form.forWhom, m.form.note, m.form.send])
        expect(formJson, text).toContain(JSON.stringify(text).slice(1, -1));
      const opened = await answerAction(
        'openTicket',
        { correlationId, priority: '3', forWhom: 'Megan Bowen', note: '' },
        { ...ctx, tickets, locale, asker: 'Megan Bowen' },
      );
      const openedJson = json(opened.card);
      expect(opened.text).toBe(t(locale, 'ticket.reply.opened', { number: 'INC1', fresh: 'yes', by: 'Megan Bowen', target: 'ServiceNow' }));
      for (const text of [m.status.about, m.status.system, t(locale, 'ticket.status.openIt', { number: 'INC1' })]) expect(openedJson, text).toContain(text);
      if (locale === 'en') {
        expect(formJson).toContain('"title":"3 - Moderate","value":"3"');
        expect(openedJson).toMatch(/"Ticket INC1 opened by Megan Bowen at 2026-\d\d-\d\d \d\d:\d\d [A-Z]/);
        expect(openedJson).toContain(`"value":"Megan Bowen's sign-in to `);
        return;
      }
      for (const english of ENGLISH_FORM) expect(formJson, english).not.toContain(english);
      for (const english of ENGLISH_STATUS) expect(openedJson, english).not.toContain(english);
      for (const card of [formJson, openedJson]) expect(validateCard(JSON.parse(card))).toEqual([]);
    });
  }

  it('says every state of a ticket in each language: sending, queued with its next try and last error, refused', () => {
    const base: TicketStatusView = {
      state: 'queued',
      fresh: true,
      target: 'ServiceNow',
      by: 'Megan Bowen',
      at: '2026-11-20T09:00:00Z',
      nextTryAt: '2026-11-20T09:05:00Z',
      lastError: 'HTTP 503',
      tries: 2,
      about: 'x',
      timeZone: 'Europe/Berlin',
      again: { correlationId: 'c' },
    };
    const english = json([ticketStatusCard(base), ticketStatusCard({ ...base, state: 'sending' }), ticketStatusCard({ ...base, state: 'failed' })]);
    expect(english).toMatch(/\(next try around 2026-11-20 10:05 [^)]+\)\. It is opened once/);
    expect(english).toContain('Last try (2): HTTP 503');
    expect(english).toContain('Tried 2 times.');
    for (const locale of OTHERS) {
      const cards = json([
        ticketStatusCard({ ...base, locale }),
        ticketStatusCard({ ...base, state: 'sending', locale }),
        ticketStatusCard({ ...base, state: 'failed', locale }),
      ]);
      for (const text of [CATALOGUES[locale].ticket.status.checkAgain, CATALOGUES[locale].ticket.status.tryAgain, 'HTTP 503'])
        expect(cards, `${locale} ${text}`).toContain(text);
      expect(cards, locale).toContain(t(locale, 'ticket.status.tried', { tries: 2 }));
      for (const e of ENGLISH_STATUS) expect(cards, `${locale} ${e}`).not.toContain(e);
    }
    expect(json(ticketStatusCard({ ...base, locale: 'de' }))).toMatch(/nächster Versuch gegen 20\.11\.2026, 10:05 MEZ/);
  });
});

describe('the small cards and errors in other languages', () => {
  it('help: title, examples and footer from the catalogue', () => {
    const de = json(helpCard([], false, 'de'));
    expect(de).toContain('Fragen Sie mich zum Beispiel:');
    expect(de).toContain('warum konnte bob sich nicht anmelden');
    expect(json(helpCard(['what-if', 'yesterday'], true, 'fr'))).toContain('J’ai compris\u00a0: what-if et yesterday.');
  });

  it('explain: labels, the category in words, the meaning and remedy in the language; the code and name as Entra gives them', () => {
    const es = json(explainCard(53003, lookupCode(53003), 'es'));
    expect(es).toContain('AADSTS53003 BlockedByConditionalAccess');
    expect(es).toContain('acceso condicional');
    expect(es).toContain(CODE_CATALOGUES.es[53003]!.meaning);
    expect(es).toContain(CODE_CATALOGUES.es[53003]!.remedy);
    // A code without advice of its own: its category's, in the language.
    expect(json(explainCard(50005, lookupCode(50005), 'es'))).toContain(CATALOGUES.es.category.remedy['conditional-access']);
    expect(json(explainCard(53003, lookupCode(53003)))).toContain('"value":"conditional-access"');
  });

  it('a storage error carries its explanation as a catalogue message, so the errors card can say it in the language', () => {
    const e = asDiagError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }))!;
    expect(e.explanation).toBe(t('en', e.words!.key as never, e.words!.values));
    expect(t('ja', e.words!.key as never, e.words!.values)).toContain('EACCES');
  });
});
