import type { Card } from '../../src/cards/render.ts';
import type { SendOutcome, Sender } from '../../src/notify/service.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileNotifyStore, type ConversationRef } from '../../src/notify/store.ts';
import { openSource } from '../../src/sources.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';

/** Lockouts and agent failures of the sample tenant's people, a file store, a fake Teams sender, and small waits for the notify tests. */
export const folder = openSource(undefined);
export const people = folder
  .allUsers()
  .filter((u) => u.userType === 'Member' && u.accountEnabled)
  .slice(0, 8);
export const at = (min: number) => new Date(Date.parse('2026-11-20T10:00:00Z') + min * 60_000).toISOString();

let seq = 0;
/** A 50053 lockout of people[i] at the given minute, each from its own IP (so no spray). */
export function lockout(i: number, minute: number): Record<string, unknown> {
  const u = people[i]!;
  seq++;
  return {
    id: `lock-${seq}-${i}`,
    createdDateTime: at(minute),
    userId: u.id,
    userPrincipalName: u.userPrincipalName,
    userDisplayName: u.displayName,
    appDisplayName: 'OfficeHome',
    ipAddress: `198.51.100.${10 + i}`,
    correlationId: `c-lock-${seq}`,
    status: { errorCode: 50053, failureReason: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.' },
  };
}

/** A pass-through agent failure (80001) of people[i] at the given minute, each from its own IP: the incidents' sign-ins. */
export function agentFailure(i: number, minute: number): Record<string, unknown> {
  const u = people[i]!;
  seq++;
  return {
    id: `pta-${seq}-${i}`,
    createdDateTime: at(minute),
    userId: u.id,
    userPrincipalName: u.userPrincipalName,
    userDisplayName: u.displayName,
    appDisplayName: 'OfficeHome',
    ipAddress: `198.51.100.${30 + i}`,
    correlationId: `c-pta-${seq}`,
    status: { errorCode: 80001, failureReason: 'Unable to connect to Active Directory. Ensure that agent servers are members of the same AD forest.' },
  };
}

/** A notification store in a file of its own, so a test can open it again as a restart would. */
export const fileStore = () => new FileNotifyStore(join(mkdtempSync(join(tmpdir(), 'notify-')), 'notifications.json'));

export const newSource = () => new MemorySignInSource(folder);

export const channel = (conversationId: string): ConversationRef => ({
  conversationId,
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  conversationType: 'channel',
});

export const titleOf = (card: unknown) => JSON.stringify(card).match(/"text":"((?:Locked out|Password spray)[^"]*)"/)?.[1];

/** Teams played in memory: every send call is recorded when it starts; `hold` keeps the next sends waiting. */
export class FakeTeams implements Sender {
  readonly calls: { kind: 'send' | 'update'; conversationId: string; card: Card; summary: string }[] = [];
  private held?: Promise<void>;
  private releaseHeld?: () => void;
  /** Resolves when a send starts while held. */
  private started?: () => void;
  private seq = 0;

  /** Holds every send from now on; resolves once one has started (the card is "on its way"). */
  hold(): Promise<void> {
    this.held = new Promise((r) => (this.releaseHeld = r));
    return new Promise((r) => (this.started = r));
  }
  release(): void {
    this.held = undefined;
    this.releaseHeld?.();
  }

  async send(ref: ConversationRef, card: Card, summary: string): Promise<SendOutcome> {
    this.calls.push({ kind: 'send', conversationId: ref.conversationId, card, summary });
    this.started?.();
    if (this.held) await this.held;
    return { kind: 'sent', activityId: `act-${++this.seq}` };
  }
  async update(ref: ConversationRef, activityId: string, card: Card, summary: string): Promise<SendOutcome> {
    this.calls.push({ kind: 'update', conversationId: ref.conversationId, card, summary });
    return { kind: 'sent', activityId };
  }
  posts(conversationId?: string) {
    return this.calls.filter((c) => c.kind === 'send' && (!conversationId || c.conversationId === conversationId));
  }
}

/** Waits (a bounded number of short steps, not a deadline) until the check holds. */
export async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`still waiting for: ${what}`);
}
