import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { BotSender } from '../../src/bot/proactive.ts';
import { NotificationService } from '../../src/notify/service.ts';
import { FileNotifyStore } from '../../src/notify/store.ts';
import { openSource } from '../../src/sources.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';

/**
 * One watcher round in a process of its own, so the test can kill it with SIGKILL in the
 * middle of a delivery and start it again on the same store.
 */
const { STORE, CONNECTOR, CHANNEL } = process.env as Record<string, string>;
const folder = openSource(undefined);
const source = new MemorySignInSource(folder);
const people = folder.allUsers().filter((u) => u.userType === 'Member' && u.accountEnabled).slice(0, 8);
people.forEach((u, i) =>
  source.add({ id: `lock-${i}`, createdDateTime: `2026-11-20T10:0${i}:00Z`, userId: u.id, userPrincipalName: u.userPrincipalName, userDisplayName: u.displayName, appDisplayName: 'OfficeHome', ipAddress: `198.51.100.${10 + i}`, correlationId: `c-lock-${i}`, status: { errorCode: 50053, failureReason: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.' } }),
);
const notify = new NotificationService({
  source,
  store: new FileNotifyStore(STORE!),
  sender: new BotSender(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), ''),
  clock: () => '2026-11-20T10:10:00Z',
  spacingMs: 0,
});
if (!(await notify.subscriptions()).length) await notify.subscribe({ conversationId: CHANNEL!, serviceUrl: CONNECTOR!, channelId: 'msteams', conversationType: 'channel' }, 'test');
const report = await notify.pollOnce();
process.stdout.write(`DONE ${JSON.stringify(report)}\n`);
