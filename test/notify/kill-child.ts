import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { BotSender } from '../../src/bot/proactive.ts';
import { NotificationService } from '../../src/notify/service.ts';
import { FileNotifyStore, type NotifyStore } from '../../src/notify/store.ts';
import { openSource } from '../../src/sources.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';

/**
 * One watcher round in a process of its own, so the test can kill it with SIGKILL in the
 * middle of a delivery and start it again on the same store. KILL=before:N or after:N kills
 * it just before or just after its N-th store change (each claim and each outcome is one);
 * the test kills it itself when Teams has accepted a card. The rounds it starts again after
 * those kills all run in one process (RUNS, JSON), each with its own store and service.
 */
const env = process.env as Record<string, string | undefined>;
const runs = (env.RUNS ? JSON.parse(env.RUNS) : [{ store: env.STORE, channel: env.CHANNEL, kill: env.KILL }]) as {
  store: string;
  channel: string;
  kill?: string;
}[];
const folder = openSource(undefined);
const people = folder
  .allUsers()
  .filter((u) => u.userType === 'Member' && u.accountEnabled)
  .slice(0, 8);
const sender = new BotSender(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '');

for (const run of runs) {
  const source = new MemorySignInSource(folder);
  people.forEach((u, i) =>
    source.add({
      id: `lock-${i}`,
      createdDateTime: `2026-11-20T10:0${i}:00Z`,
      userId: u.id,
      userPrincipalName: u.userPrincipalName,
      userDisplayName: u.displayName,
      appDisplayName: 'OfficeHome',
      ipAddress: `198.51.100.${10 + i}`,
      correlationId: `c-lock-${i}`,
      status: { errorCode: 50053, failureReason: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.' },
    }),
  );
  const file = new FileNotifyStore(run.store);
  let changes = 0;
  const die = (when: string) => {
    if (run.kill === `${when}:${changes}`) process.kill(process.pid, 'SIGKILL');
  };
  const store: NotifyStore = {
    load: () => file.load(),
    async update(change) {
      changes++;
      die('before');
      const r = await file.update(change);
      die('after');
      return r;
    },
  };
  // A new service per run, as after a restart.
  const notify = new NotificationService({ source, store, sender, clock: () => '2026-11-20T10:10:00Z', spacingMs: 0 });
  if (!(await notify.subscriptions()).length)
    await notify.subscribe({ conversationId: run.channel, serviceUrl: env.CONNECTOR!, channelId: 'msteams', conversationType: 'channel' }, 'test');
  const report = await notify.pollOnce();
  process.stdout.write(`DONE ${run.channel} ${JSON.stringify({ ...report, changes })}\n`);
}
