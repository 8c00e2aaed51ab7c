import { answerAction, answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { openSource } from '../../src/sources.ts';
import type { Card } from '../../src/cards/render.ts';
import { lockoutAlertCard } from '../../src/cards/lockout-alert-card.ts';
import { approvalCard } from '../../src/cards/remediate-cards.ts';
import { approvalView, outcomeLine } from '../../src/routes/common/remediate-words.ts';
import { diagnoseRequest } from '../../src/query/diagnose-attempts.ts';
import { incidentAlertCard } from '../../src/cards/incidents-card.ts';
import { diagnoseWindow } from '../../src/query/diagnose-window.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileItemStore } from '../../src/notify/items.ts';
import { TicketDesk } from '../../src/tickets/desk.ts';
import { TicketTargetError, type TicketTarget } from '../../src/tickets/target.ts';

/**
 * Every kind of card the bot sends, built from the bundled sample tenant the way a person would
 * reach it (a message, a button, the lockout watcher). `npm run screenshots` shoots these and
 * test/cards/visual.test.ts measures them, so a card added here is both pictured and checked.
 */
export async function cardGallery(): Promise<[name: string, card: Card][]> {
  const source = openSource(undefined);
  const ctx: AnswerContext = { source, now: source.asOf()!, timeZone: 'America/Los_Angeles', appNames: source.appNames(), allUsers: source.allUsers() };

  const cards: [string, Card][] = [];
  const add = async (name: string, message: string) => cards.push([name, (await answerMessage(message, ctx)).card!]);
  await add('diagnosis', 'why did bob fail to sign in');
  await add('diagnosis-lockout', 'why was megan locked out');
  await add('explain', 'what does 53003 mean');
  // The code's own words in the asker's language (issue 21): German's long compounds, Japanese without spaces, at 320 px.
  for (const [locale, question] of [
    ['de', 'was bedeutet 53003'],
    ['ja', '53003の意味は'],
  ] as const)
    cards.push([`explain-${locale}`, (await answerMessage(question, { ...ctx, locale })).card!]);
  await add('lockouts', 'is anyone locked out');
  await add('flagged', 'show flagged sign-ins since saturday');
  // Issue 15: the tenant's failures (page 1), and Grady's lock state five minutes after his smart lockout.
  await add('failures', 'failures this week');
  cards.push(['lock-state', (await answerMessage('is grady locked out', { ...ctx, now: '2026-11-16T16:20:00Z' })).card!]);
  await add('policies-for', 'which policies apply to bob');
  await add('did-you-mean', 'why did jon fail');
  await add('help', 'help');
  // Issue 19: the tenant's week in numbers, with Teams' stacked bar chart (its fact-list fallback where charts do not render).
  await add('weekly-summary', 'weekly summary');
  await add('help-unclear', 'why did it fail yesterday');
  await add('pick-user', 'why did alex fail');
  await add('not-found', 'why did bbo fail');
  const bob = JSON.stringify(cards[0]![1]);
  const show = JSON.parse(/"verb":"showAttempts","data":(\{[^}]*\})/.exec(bob)![1]!);
  cards.push(['summary', (await answerAction('showAttempts', show, ctx)).card!]);
  // Issue 20: Open a ticket on Bob's diagnosis: the form, the card once ServiceNow opened it, and one queued (the system answered 503).
  // The feedback button's data also carries the listing the card came from (an object of its own): only the id is read here.
  const bobCorrelation = /"verb":"feedback","data":\{"correlationId":"([^"]+)"/.exec(bob)![1]!;
  const tickets = (target: TicketTarget) => new TicketDesk(target, new FileItemStore(mkdtempSync(join(tmpdir(), 'gallery-tickets-'))), () => {});
  const serviceNow = (open: TicketTarget['open']): TicketTarget => ({ id: 'servicenow', name: 'ServiceNow (contoso.service-now.com)', open });
  const megan = { ...ctx, asker: 'Megan Bowen', pressedMessageId: '1763635320000' };
  const opened = {
    ...megan,
    tickets: tickets(serviceNow(async () => ({ number: 'INC0012345', url: 'https://contoso.service-now.com/incident.do?sys_id=9d38' }))),
  };
  cards.push(['diagnosis-ticket', (await answerAction('diagnose', { correlationId: bobCorrelation }, opened)).card!]);
  cards.push(['ticket-form', (await answerAction('openTicketForm', { correlationId: bobCorrelation }, opened)).card!]);
  const pressed = {
    correlationId: bobCorrelation,
    priority: '3',
    forWhom: 'Bob Kelly (bob.kelly@contoso.com)',
    note: 'Needs Salesforce for a customer call at 11.',
  };
  cards.push(['ticket-opened', (await answerAction('openTicket', pressed, opened)).card!]);
  const down = {
    ...megan,
    tickets: tickets(serviceNow(async () => Promise.reject(new TicketTargetError('ServiceNow: HTTP 503 (Service Unavailable)', true)))),
  };
  cards.push(['ticket-queued', (await answerAction('openTicket', pressed, down)).card!]);
  // Issue 21: the ticket button, form and queued card where words run long (German) and have no spaces (Japanese).
  for (const locale of ['de', 'ja'] as const) {
    const where = { ...opened, locale, tickets: tickets(serviceNow(async () => ({ number: 'INC0012345', url: 'https://contoso.service-now.com/' }))) };
    cards.push([`diagnosis-ticket-${locale}`, (await answerAction('diagnose', { correlationId: bobCorrelation }, where)).card!]);
    cards.push([`ticket-form-${locale}`, (await answerAction('openTicketForm', { correlationId: bobCorrelation }, where)).card!]);
    cards.push([`ticket-queued-${locale}`, (await answerAction('openTicket', pressed, { ...down, locale })).card!]);
  }
  await add('what-if', 'what if bob signs in to Salesforce from an unmanaged iPhone');
  await add('policy-check', "check bob's policies");
  cards.push([
    'refusal',
    (
      await answerMessage('why did miriam fail to sign in', {
        ...ctx,
        access: { kind: 'limited', why: 'Looking up sign-ins is for the helpdesk and identity admins, and you are not in a group or role allowed to.' },
      })
    ).card!,
  ]);
  const fix = JSON.parse(/"verb":"whatIf","data":(\{[^}]*\})/.exec(bob)![1]!);
  cards.push(['what-if-fix', (await answerAction('whatIf', fix, ctx)).card!]);
  // Issue 16: which attempt (Alice's own block, the spray offered), a break-glass sign-in, the likely
  // compromise, and a What-if-fixed preview worked out by the diagnosis (Patti's app protection).
  await add('diagnosis-which-attempt', 'why did alice fail on wednesday');
  await add('diagnosis-break-glass', 'diagnose correlation id a8787487-3147-42f3-9c48-a742773625da');
  await add('diagnosis-compromise', 'why did lynne fail');
  const patti = (await answerMessage('why did patti fail on wednesday', ctx)).card!;
  cards.push(['diagnosis-app-protection', patti]);
  const pattiFix = JSON.parse(/"verb":"whatIf","data":(\{[^}]*\})/.exec(JSON.stringify(patti))![1]!);
  cards.push(['what-if-fix-app-protection', (await answerAction('whatIf', pattiFix, ctx)).card!]);
  // Lockout alerts, from the sample's real lockouts: Grady's smart lockout and the Tor spray.
  const grady = (
    await diagnoseRequest(source, {
      user: 'grady.archie@contoso.com',
      errorCode: 50053,
      since: '2026-11-16T00:00:00Z',
      until: '2026-11-17T00:00:00Z',
      now: ctx.now,
    })
  ).diagnoses[0]!;
  cards.push([
    'lockout-alert',
    lockoutAlertCard(
      { key: 'person:grady', kind: 'person', userIds: [grady.user.id], first: '2026-11-16T16:13:00Z', last: grady.time, lockouts: 2, ended: false },
      grady,
      { [grady.user.id]: grady.user.displayName ?? '' },
      'America/Los_Angeles',
    ),
  ]);
  const joni = (await diagnoseRequest(source, { user: 'joni.sherman@contoso.com', errorCode: 50053, since: '2026-11-19T00:00:00Z', now: ctx.now }))
    .diagnoses[0]!;
  const lynne = source.allUsers().find((u) => u.userPrincipalName === 'lynne.robbins@contoso.com')!;
  cards.push([
    'lockout-alert-spray',
    lockoutAlertCard(
      {
        key: 'spray:tor',
        kind: 'spray',
        ip: '185.220.101.47',
        userIds: [joni.user.id, lynne.id],
        first: '2026-11-19T03:31:00Z',
        last: '2026-11-19T03:32:00Z',
        lockouts: 2,
        ended: false,
      },
      joni,
      { [joni.user.id]: joni.user.displayName ?? '', [lynne.id]: lynne.displayName ?? '' },
      'America/Los_Angeles',
    ),
  ]);
  // Issue 19: the week's incidents, a diagnosis that is part of one, and the alert a subscribed channel gets.
  await add('incidents', 'any outages this week');
  await add('diagnosis-incident', 'why did johanna lorenz fail on tuesday');
  const tuesday = await diagnoseWindow(source, { since: '2026-11-17T00:00:00Z', until: '2026-11-18T00:00:00Z', now: ctx.now, only: 'failures' });
  cards.push(['incident-alert', incidentAlertCard(tuesday.incidents[0]!, { ended: false }, 'America/Los_Angeles')]);
  // Issue 21: the week's incidents asked in German and Japanese (the parser's own words), and the alert a channel subscribed in Japanese gets.
  for (const [locale, question] of [
    ['de', 'zeig mir die vorfälle diese woche'],
    ['ja', '今週のインシデントを表示'],
  ] as const)
    cards.push([`incidents-${locale}`, (await answerMessage(question, { ...ctx, locale })).card!]);
  cards.push(['incident-alert-ja', incidentAlertCard(tuesday.incidents[0]!, { ended: false }, 'Asia/Tokyo', 'ja')]);
  // Issue 21: the diagnosis card in each language the bot answers in (German runs long, Japanese has no spaces),
  // asked in English so the picture shows the card, not the parser; and the spray alert in German.
  for (const locale of ['en', 'de', 'fr', 'es', 'ja'] as const)
    cards.push([`diagnosis-${locale}`, (await answerMessage('why did bob fail to sign in', { ...ctx, locale })).card!]);
  // Issue 21: the list and what-if cards in German and Japanese, asked in each language's own words.
  const asked = {
    de: [
      'ist jemand gesperrt',
      'zeige markierte Anmeldungen seit Samstag',
      'was wäre, wenn bob sich von einem nicht verwalteten iPhone bei Salesforce anmelden würde',
    ],
    ja: [
      '誰かロックアウトされている？',
      '土曜日以降にフラグ付けされたサインインを表示',
      'bob が管理されていない iPhone から Salesforce にサインインしたらどうなる',
    ],
  } as const;
  for (const locale of ['de', 'ja'] as const) {
    const [lockouts, flagged, whatIf] = asked[locale];
    cards.push([`lockouts-${locale}`, (await answerMessage(lockouts, { ...ctx, locale, now: '2026-11-19T04:00:00Z' })).card!]);
    cards.push([`flagged-${locale}`, (await answerMessage(flagged, { ...ctx, locale })).card!]);
    cards.push([`what-if-${locale}`, (await answerMessage(whatIf, { ...ctx, locale })).card!]);
  }
  // Issue 21: the lock state, "who is locked out right now", the failures, a sign-in list and "which one?" in German and
  // Japanese, asked in their own words (the lock state and "right now" five minutes after Grady's lockout, as above).
  const lists = {
    de: [
      'ist grady gerade gesperrt',
      'ist gerade jemand gesperrt',
      'alle fehlgeschlagenen anmeldungen diese woche',
      'zeige die Anmeldungen von megan diese Woche',
      'zeige die Anmeldungen von alex',
    ],
    ja: [
      'grady は今ロックアウトされていますか',
      '今ロックアウトされている人はいますか',
      '今週の失敗をすべて表示',
      '今週の megan のサインインを表示',
      'alex のサインインを表示',
    ],
  } as const;
  for (const locale of ['de', 'ja'] as const) {
    const [lockState, lockedNow, failures, list, pick] = lists[locale];
    const graded = { ...ctx, locale, now: '2026-11-16T16:20:00Z' };
    cards.push([`lock-state-${locale}`, (await answerMessage(lockState, graded)).card!]);
    cards.push([`lockouts-now-${locale}`, (await answerMessage(lockedNow, graded)).card!]);
    cards.push([`failures-${locale}`, (await answerMessage(failures, { ...ctx, locale })).card!]);
    cards.push([`summary-${locale}`, (await answerMessage(list, { ...ctx, locale })).card!]);
    cards.push([`pick-user-${locale}`, (await answerMessage(pick, { ...ctx, locale })).card!]);
  }
  // The ones locked out earlier, each on a line: blocked by IP, lifted (the Tor spray night).
  cards.push([
    'lockouts-earlier-ja',
    (await answerMessage('今ロックアウトされている人はいますか', { ...ctx, locale: 'ja', now: '2026-11-19T04:00:00Z' })).card!,
  ]);
  cards.push([
    'lockout-alert-spray-de',
    lockoutAlertCard(
      {
        key: 'spray:tor',
        kind: 'spray',
        ip: '185.220.101.47',
        userIds: [joni.user.id, lynne.id],
        first: '2026-11-19T03:31:00Z',
        last: '2026-11-19T03:32:00Z',
        lockouts: 2,
        ended: false,
      },
      joni,
      { [joni.user.id]: joni.user.displayName ?? '', [lynne.id]: lynne.displayName ?? '' },
      'Europe/Berlin',
      'de',
    ),
  ]);
  // Issue 21: which policies apply and the policy check in German and Japanese; a what-if's fix naming a
  // country in French; an approval answered in Spanish (its outcome line as the approver read it).
  cards.push(['policies-for-de', (await answerMessage('welche Richtlinien gelten für bob', { ...ctx, locale: 'de' })).card!]);
  cards.push(['policies-for-ja', (await answerMessage('bob に適用されるポリシーは', { ...ctx, locale: 'ja' })).card!]);
  cards.push(['policy-check-ja', (await answerMessage('条件付きアクセスポリシーを確認して', { ...ctx, locale: 'ja' })).card!]);
  cards.push(['policy-check-de', (await answerMessage('prüfe die Richtlinien für bedingten Zugriff', { ...ctx, locale: 'de' })).card!]);
  const alice = JSON.stringify((await answerMessage("pourquoi alice n'a pas pu se connecter mercredi", { ...ctx, locale: 'fr' })).card);
  const aliceFix = JSON.parse(/"verb":"whatIf","data":(\{[^}]*\})/.exec(alice)![1]!);
  cards.push(['what-if-fix-fr', (await answerAction('whatIf', aliceFix, { ...ctx, locale: 'fr' })).card!]);
  const approved = {
    key: 'rem-0000000000000000000000000000000000000000',
    correlationId: aliceFix.correlationId,
    remediation: 'revokeSessions' as const,
    targetId: 'u-1',
    targetName: 'Megan Bowen',
    since: '2026-11-20T09:00:00Z',
    state: 'done' as const,
    requestedBy: 'Alice Helpdesk',
    approvedBy: 'Bob Security',
    requestId: 'req-es',
    at: '2026-11-20T09:05:00Z',
    says: { what: 'revokeSessions.done', values: { name: 'Megan Bowen', requestId: 'req-es' } },
  };
  cards.push(['approval-done-es', approvalCard(approvalView(approved, false, [outcomeLine('es', approved)], 'es'), 'es')]);
  return cards;
}
