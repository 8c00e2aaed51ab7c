import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { answerAction, answerMessage, type AnswerContext } from '../src/routes/index.ts';
import { openSource } from '../src/sources.ts';
import type { Card } from '../src/cards/render.ts';
import { lockoutAlertCard } from '../src/cards/lockout-alert-card.ts';
import { diagnoseRequest } from '../src/query/diagnose-attempts.ts';

/**
 * Renders every kind of card the bot sends with the Adaptive Cards JS renderer and a Teams
 * light host config, in a chat-pane-wide column, in Debian's Chromium; writes PNGs to
 * docs/screenshots/. Needs `apt-get install chromium` (not part of the tests).
 */
const require = createRequire(import.meta.url);
const bundle = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
const hostConfig = readFileSync(new URL('./teams-light-host-config.json', import.meta.url), 'utf8');
/** CARD_WIDTH=320 renders at Teams' narrowest chat pane (the meeting side panel). */
const WIDTH = Number(process.env.CARD_WIDTH ?? 440);
const CHROMIUM = '/usr/bin/chromium';

const source = openSource(undefined);
const ctx: AnswerContext = { source, now: source.asOf()!, timeZone: 'America/Los_Angeles', appNames: source.appNames(), allUsers: source.allUsers() };

const cards: [string, Card][] = [];
const add = async (name: string, message: string) => cards.push([name, (await answerMessage(message, ctx)).card!]);
await add('diagnosis', 'why did bob fail to sign in');
await add('diagnosis-lockout', 'why was megan locked out');
await add('explain', 'what does 53003 mean');
await add('lockouts', 'is anyone locked out');
await add('flagged', 'show flagged sign-ins since saturday');
// Issue 15: the tenant's failures (page 1), and Grady's lock state five minutes after his smart lockout.
await add('failures', 'failures this week');
cards.push(['lock-state', (await answerMessage('is grady locked out', { ...ctx, now: '2026-11-16T16:20:00Z' })).card!]);
await add('policies-for', 'which policies apply to bob');
await add('did-you-mean', 'why did jon fail');
await add('help', 'help');
await add('help-unclear', 'why did it fail yesterday');
await add('pick-user', 'why did alex fail');
await add('not-found', 'why did bbo fail');
const bob = JSON.stringify(cards[0]![1]);
const show = JSON.parse(/"verb":"showAttempts","data":(\{[^}]*\})/.exec(bob)![1]!);
cards.push(['summary', (await answerAction('showAttempts', show, ctx)).card!]);
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
const joni = (await diagnoseRequest(source, { user: 'joni.sherman@contoso.com', errorCode: 50053, since: '2026-11-19T00:00:00Z', now: ctx.now })).diagnoses[0]!;
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

const page = (card: Card) => `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #F5F5F5; font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; }
#pane { width: ${WIDTH}px; padding: 16px; }
#bubble { background: #fff; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14); overflow: hidden; }
.ac-pushButton { border: 1px solid #C8C6C4; border-radius: 4px; background: #fff; padding: 4px 12px; font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; color: #252424; }
a { color: #6264A7; }
</style><script>${bundle}</script></head><body><div id="pane"><div id="bubble"></div></div><script>
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig(${hostConfig});
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = text.replace(/&/g,'&amp;').replace(/</g,'&lt;').replace(/\\*\\*(.+?)\\*\\*/g,'<b>$1</b>').replace(/\\[([^\\]]+)\\]\\(([^)]+)\\)/g,'<a href="$2">$1</a>').replace(/^- /gm,'• ');
  result.didProcess = true;
};
card.parse(${JSON.stringify(card)});
document.getElementById('bubble').appendChild(card.render());
</script></body></html>`;

const server = createServer((req, res) => {
  const entry = cards[Number((req.url ?? '').slice(1))];
  if (!entry || !/^\/\d+$/.test(req.url ?? '')) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page(entry[1]));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as { port: number }).port;
if (!existsSync(CHROMIUM)) {
  server.close();
  console.error(`${cards.length} cards built, but ${CHROMIUM} is not here: install Debian's chromium (apt-get install chromium) to take the screenshots.`);
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
mkdirSync('docs/screenshots', { recursive: true });
try {
  const tab = await browser.newPage({ viewport: { width: WIDTH + 32, height: 800 } });
  for (const [i, [name]] of cards.entries()) {
    await tab.goto(`http://127.0.0.1:${port}/${i}`);
    await tab.locator('#pane').screenshot({ path: `docs/screenshots/card-${name}.png` });
    console.log(`docs/screenshots/card-${name}.png`);
  }
} finally {
  await browser.close();
  server.close();
}
