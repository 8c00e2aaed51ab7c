import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import { NotificationService } from '../../src/notify/service.ts';
import { FileNotifyStore } from '../../src/notify/store.ts';
import { diagnoseWindow } from '../../src/query/diagnose-window.ts';
import { render } from '../../src/i18n/message.ts';
import type { Incident } from '../../src/diagnosis/incidents.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { folderContext } from '../helpers/answer-context.ts';
import { FakeTeams, agentFailure, at, channel, fileStore, newSource } from '../notify/fixtures.ts';

/**
 * Issue 21: incidents in the asker's language. The incidents card and its reply line for a
 * question asked in German or Japanese (the parser's own phrasings, src/conversation/corpus), the
 * alert a channel subscribed in Japanese gets (and keeps, across the store, when it is updated),
 * and the Mark handled replies in the presser's language. English is pinned by the incident tests
 * (test/routes/incidents.test.ts, test/notify/*): here, the English of every message is its old text.
 */
let folder: TenantFolderSource;
let ctx: AnswerContext;
beforeAll(() => {
  folder = openSource(undefined) as TenantFolderSource;
  ctx = folderContext(folder, 'Europe/Berlin');
});

/** Every text a person reads on a card: text blocks, fact titles and values, button titles (not a button's data). */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const k of ['text', 'title', 'value']) if (typeof o[k] === 'string') out.push(o[k]);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') texts(v, out);
  }
  return out;
}

/**
 * English words the incident sentences and labels are made of, none of which is in a name the
 * sample tenant's log gives (people, apps, the policy "CA004: Finance apps require a compliant device").
 */
const ENGLISH =
  /\b(?:the|failed|failures?|people|persons?|accounts?|incidents?|Evidence|Fix|Since|Latest|between|blocked|correlation|Still happening|Over|none|Open|Their|Times in|Error codes|Nothing shared)\b/;

/** The English sentences a card holds that are there verbatim in another language's card (names, codes and numbers aside). */
function englishLeft(english: Reply, other: Reply): string[] {
  const theirs = new Set(texts(other.card));
  return texts(english.card).filter((s) => theirs.has(s) && /[a-z]{3,} [a-z]{3,}/.test(s));
}

describe('the incidents card in the asker language', () => {
  const asked = {
    en: ['any incidents this week', 'any incidents today'],
    de: ['zeig mir die vorfälle diese woche', 'gibt es heute störungen'],
    ja: ['今週のインシデントを表示', '今日障害ある？'],
  } as const;
  const replies = new Map<string, Reply>();
  beforeAll(async () => {
    for (const [locale, [week, today]] of Object.entries(asked)) {
      const where = { ...ctx, locale: locale as 'en' | 'de' | 'ja' };
      replies.set(`${locale} week`, await answerMessage(week, where));
      replies.set(`${locale} today`, await answerMessage(today, where));
    }
  }, 120_000);

  for (const locale of ['de', 'ja'] as const)
    it(`${locale}: the week's three incidents, every label, sentence, button and the reply line in ${locale}; no English sentence left`, () => {
      const r = replies.get(`${locale} week`)!;
      expect(r.command!.intent).toBe('incidents');
      expect(validateCard(r.card!)).toEqual([]);
      const shown = texts(r.card);
      const headings =
        locale === 'de'
          ? [
              '**Ausfall der Passthrough-Authentifizierung: 3 Personen**',
              '**Kennwort-Spray-Angriff von 185.220.101.47: 32 Konten**',
              '**Änderung an „CA004: Finance apps require a compliant device“: 4 Personen blockiert**',
            ]
          : [
              '**パススルー認証の障害: 3 人**',
              '**185.220.101.47 からのパスワード スプレー: 32 個のアカウント**',
              '**「CA004: Finance apps require a compliant device」の変更: 4 人がブロック**',
            ];
      for (const h of headings) expect(shown).toContain(h);
      expect(r.text).toContain(locale === 'de' ? '3 Vorfälle diese woche' : 'のインシデント 3 件');
      // No sentence of the English card (asked of the same week) is there as it was, and no English word in any text.
      expect(englishLeft(replies.get('en week')!, r)).toEqual([]);
      // The policy's name is the tenant's own (English) words, "(result: failure)" the log's field and value: taken out before looking for English ones.
      const leftover = [r.text, ...shown]
        .map((s) => s.replace(/CA004: Finance apps require a compliant device/g, '').replace('(result: failure)', ''))
        .filter((s) => ENGLISH.test(s));
      expect(leftover).toEqual([]);
      // The buttons to the failures too.
      expect(cardButtons(r.card, 'failuresPage').map((b) => b.title)).toEqual(
        locale === 'de'
          ? ['Fehler mit 80001', 'Fehler mit 80014', 'Fehler von dieser IP', 'Fehler durch diese Richtlinie']
          : ['80001 の失敗', '80014 の失敗', 'この IP からの失敗', 'このポリシーでの失敗'],
      );
    });

  for (const locale of ['de', 'ja'] as const)
    it(`${locale}: a day without incidents says what it looked at, in ${locale}`, () => {
      const r = replies.get(`${locale} today`)!;
      expect(r.command!.intent).toBe('incidents');
      expect(validateCard(r.card!)).toEqual([]);
      expect(texts(r.card)[0]).toMatch(locale === 'de' ? /^Kein Vorfall heute \(/ : /^今日 \(.*\)のインシデントはありません$/);
      expect(englishLeft(replies.get('en today')!, r)).toEqual([]);
      expect([r.text, ...texts(r.card)].filter((s) => ENGLISH.test(s))).toEqual([]);
    });

  it('a button to the failures carries its window words in the asker language (the failures card shows them)', async () => {
    const button = cardButtons(replies.get('de week')!.card, 'failuresPage')[0]!;
    expect(button.data).toMatchObject({ timeText: 'während des Vorfalls', errorCode: 80001 });
    const ja = cardButtons(replies.get('ja week')!.card, 'failuresPage')[2]!;
    expect(ja.data).toMatchObject({ timeText: 'インシデントの期間', ip: '185.220.101.47' });
    const pressed = await answerAction('failuresPage', ja.data, { ...ctx, locale: 'ja' });
    expect(validateCard(pressed.card!)).toEqual([]);
    expect(JSON.stringify(pressed.card)).toContain('インシデントの期間 (');
  }, 60_000);
});

describe('incidents elsewhere in the asker language', () => {
  it('"right now" in Spanish looks at the last three hours, as in English (the parser reads it as the last minutes)', async () => {
    const r = await answerMessage('hay caídas ahora mismo', { ...ctx, locale: 'es' });
    expect(r.command).toMatchObject({ intent: 'incidents', timeText: 'ahora mismo' });
    expect(r.text).toMatch(/^Ninguna incidencia en las últimas 3 horas \(20\/11\/2026, 23:00 CET – 21\/11\/2026, 02:00 CET\): /);
  }, 60_000);

  it("the weekly summary's incident lines are the incidents' own sentences in German", async () => {
    const r = await answerMessage('wie waren die anmeldungen diese woche', { ...ctx, locale: 'de' });
    expect(r.command!.intent).toBe('weekly-summary');
    const shown = texts(r.card);
    expect(
      shown.some((s) => s.startsWith('Die Passthrough-Authentifizierung ist zwischen 17.11.2026, 15:02 MEZ und 17.11.2026, 15:21 MEZ für 3 Personen')),
    ).toBe(true);
    expect(shown.filter((s) => /Pass-through authentication failed|Password sign-ins from/.test(s))).toEqual([]);
  }, 60_000);
});

describe('the engine says each incident as messages, their English the incident text', () => {
  let incidents: Incident[];
  beforeAll(async () => {
    incidents = (await diagnoseWindow(folder, { since: '2026-11-14T00:00:00Z', until: folder.asOf()!, now: folder.asOf()!, only: 'failures' })).incidents;
  }, 60_000);

  it('what, every evidence line, the fix and its page', () => {
    expect(incidents.map((i) => i.component)).toEqual(['pass-through-agents', 'ip', 'policy']);
    for (const i of incidents) {
      expect(render('en', i.whatMsg!)).toBe(i.what);
      expect(i.evidenceMsg!.map((m) => render('en', m))).toEqual(i.evidence);
      expect(render('en', i.action.msg!)).toBe(i.action.text);
      expect(render('en', i.action.link!.titleMsg!)).toBe(i.action.link!.title);
      // In German none of it is the English.
      expect(render('de', i.whatMsg!)).not.toBe(i.what);
      expect(render('de', i.action.msg!)).not.toBe(i.action.text);
    }
    expect(incidents[2]!.what).toMatch(/^Conditional Access policy "CA004: Finance apps require a compliant device" has blocked 4 people since /);
    expect(render('ja', incidents[2]!.whatMsg!)).toMatch(
      /^条件付きアクセス ポリシー「CA004: Finance apps require a compliant device」が .* 以降 4 人をブロックしています。/,
    );
  });
});

describe('incident alerts and Mark handled in the channel and presser language', () => {
  const CHANNEL = '19:incidents-ja@thread.tacv2';

  it('a channel subscribed in Japanese gets a Japanese card and summary, still Japanese when updated from the store; the presser reads German', async () => {
    const source = newSource();
    const store = fileStore();
    const teams = new FakeTeams();
    const clock = { now: at(0) };
    const service = () => new NotificationService({ source, store, sender: teams, clock: () => clock.now, spacingMs: 0 });
    let notify = service();
    await notify.subscribe(channel(CHANNEL), 'Miriam Graham', { kind: 'incidents', language: 'ja', timeZone: 'Asia/Tokyo' });
    source.add(agentFailure(0, 1), agentFailure(1, 3), agentFailure(2, 5));
    clock.now = at(6);
    expect(await notify.pollOnce()).toMatchObject({ sent: 1 });
    const sent = teams.calls[0]!;
    expect(validateCard(sent.card)).toEqual([]);
    expect(sent.summary).toBe('インシデント: パススルー認証の障害: 3 人');
    const shown = texts(sent.card);
    expect(shown[0]).toBe('インシデント: パススルー認証の障害: 3 人');
    expect(shown).toContain('継続中: 最新の失敗は 2026/11/20 19:05 JST');
    expect(shown.some((s) => s.startsWith('パススルー認証が 2026/11/20 19:01 JST から 2026/11/20 19:05 JST までに 3 人で失敗しました'))).toBe(true);
    expect(cardButtons(sent.card, 'markIncidentHandled')[0]!.title).toBe('対応済みにする');
    expect(shown.filter((s) => ENGLISH.test(s))).toEqual([]);

    // Restarted and grown: the card is drawn again from the stored incident, whose messages came through the store.
    notify = service();
    source.add(agentFailure(3, 9));
    clock.now = at(10);
    expect(await notify.pollOnce()).toMatchObject({ updated: 1 });
    const updated = teams.calls.at(-1)!;
    expect(updated.summary).toBe('インシデント: パススルー認証の障害: 4 人');
    expect(texts(updated.card).some((s) => s.startsWith('パススルー認証が 2026/11/20 19:01 JST から 2026/11/20 19:09 JST までに 4 人で失敗しました'))).toBe(
      true,
    );
    expect(texts(updated.card).filter((s) => ENGLISH.test(s))).toEqual([]);

    // A German presser: the line and the card they see are German; the channel's card follows in Japanese.
    const button = cardButtons(updated.card, 'markIncidentHandled')[0]!;
    const pressed = await answerAction('markIncidentHandled', button.data, {
      source,
      now: clock.now,
      timeZone: 'Europe/Berlin',
      appNames: [],
      notify,
      asker: 'Miriam Graham',
      locale: 'de',
    });
    expect(pressed.text).toBe('Als erledigt markiert.');
    expect(texts(pressed.card)[0]).toBe('Vorfall: Ausfall der Passthrough-Authentifizierung: 4 Personen');
    expect(texts(pressed.card)).toContain('Erledigt von Miriam Graham am 20.11.2026, 11:10 MEZ. Dauert an: der letzte Fehler war um 20.11.2026, 11:09 MEZ');
    clock.now = at(11);
    expect(await notify.pollOnce()).toMatchObject({ updated: 1 });
    expect(texts(teams.calls.at(-1)!.card)).toContain('Miriam Graham が 2026/11/20 19:10 JST に対応済み。継続中: 最新の失敗は 2026/11/20 19:09 JST');
  }, 60_000);

  it('a store written before incidents carried messages (or with a key no catalogue has) still loads: that card is in English', async () => {
    const source = newSource();
    const path = join(mkdtempSync(join(tmpdir(), 'notify-')), 'notifications.json');
    const teams = new FakeTeams();
    const clock = { now: at(0) };
    const notify = new NotificationService({ source, store: new FileNotifyStore(path), sender: teams, clock: () => clock.now, spacingMs: 0 });
    await notify.subscribe(channel(CHANNEL), 'Miriam Graham', { kind: 'incidents', language: 'ja' });
    source.add(agentFailure(0, 1), agentFailure(1, 3), agentFailure(2, 5));
    clock.now = at(6);
    await notify.pollOnce();
    // As an older version wrote it: no messages; and one forged key where a message was.
    const state = JSON.parse(readFileSync(path, 'utf8'));
    const stored = Object.values(state.incidents as Record<string, { incident: Record<string, unknown> }>)[0]!.incident;
    delete stored.whatMsg;
    stored.evidenceMsg = [{ key: 'constructor' }];
    (stored.action as Record<string, unknown>).msg = { key: 'engine.incident.nope' };
    writeFileSync(path, JSON.stringify(state));
    const card = await new NotificationService({ source, store: new FileNotifyStore(path), sender: teams, clock: () => clock.now }).markIncidentHandled(
      Object.keys(state.incidents)[0]!,
      'Miriam Graham',
      'UTC',
      'ja',
    );
    const shown = texts(card);
    // The card's own words are Japanese; the engine's sentences fall back to the English stored beside them.
    expect(shown[0]).toBe('インシデント: パススルー認証の障害: 3 人');
    expect(shown.some((s) => s.startsWith('Pass-through authentication failed for 3 people between 2026/11/20 10:01 UTC and'))).toBe(true);
    expect(shown.some((s) => s.startsWith('- The same component (the pass-through authentication agents)'))).toBe(true);
  }, 60_000);

  it('Mark handled on what is no longer tracked answers in the presser language (incident and lockout alerts)', async () => {
    const source = newSource();
    const notify = new NotificationService({ source, store: fileStore(), sender: new FakeTeams(), clock: () => at(0) });
    const base = { source, now: at(0), timeZone: 'UTC', appNames: [], notify, asker: 'Miriam Graham' };
    const incident = await answerAction(
      'markIncidentHandled',
      { incidentId: 'component:pass-through-agents:x:2026-11-20T10:01:00Z' },
      { ...base, locale: 'ja' },
    );
    expect(incident.text).toBe('そのインシデントはもう追跡されていません。');
    expect(texts(incident.card)).toEqual([
      '見つかりません',
      'そのインシデントはもう追跡されていません (ずっと前に終了して破棄されたか、通知ストアがリセットされました)。',
    ]);
    const lockout = await answerAction('markHandled', { episodeKey: 'person:someone:2026-11-20T10:01:00Z' }, { ...base, locale: 'de' });
    expect(lockout.text).toBe('Diese Sperre wird nicht mehr verfolgt.');
    expect(texts(lockout.card)).toEqual(['Nicht gefunden', 'Diese Sperre wird nicht mehr verfolgt (der Benachrichtigungsspeicher wurde zurückgesetzt).']);
    // English as before.
    expect((await answerAction('markHandled', { episodeKey: 'person:someone:2026-11-20T10:01:00Z' }, base)).text).toBe('That lockout is no longer tracked.');
  });
});
