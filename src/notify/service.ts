import { randomUUID } from 'node:crypto';
import { groupAttempts } from '../diagnosis/attempts.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import { transitiveGroups } from '../diagnosis/ca-evaluator.ts';
import { lockoutAlertCard } from '../cards/lockout-alert-card.ts';
import type { Card } from '../cards/render.ts';
import { DiagnosisContext } from '../query/diagnose-attempts.ts';
import type { SignInSource } from '../signins/source.ts';
import { SPRAY_ACCOUNTS, updateEpisodes } from './episodes.ts';
import { deliveryKey, type ConversationRef, type Episode, type NotifyState, type NotifyStore, type Subscription } from './store.ts';

/**
 * Lockout notifications: who is subscribed, polling the source for lockouts, and delivering
 * one card per episode per conversation. Expected outcomes of a send are values, not
 * exceptions, and each one is stored before the next send, so a restart resumes.
 */
export type SendOutcome =
  | { kind: 'sent'; activityId: string }
  | { kind: 'gone'; reason: string }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'failed'; reason: string };

/** Implemented by the bot (proactive messages through the Bot Framework connector). */
export interface Sender {
  send(ref: ConversationRef, card: Card, summary: string): Promise<SendOutcome>;
  update(ref: ConversationRef, activityId: string, card: Card, summary: string): Promise<SendOutcome>;
}

export interface NotifyOptions {
  source: SignInSource;
  store: NotifyStore;
  sender: Sender;
  clock: () => string;
  /** Time between two sends to one conversation (Teams allows 7 a second; we stay well under). */
  spacingMs?: number;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** How far back each poll looks again: sign-ins reach the logs minutes late. */
const OVERLAP_MS = 15 * 60_000;
const FIRST_LOOK_MS = 60 * 60_000;
const MAX_ATTEMPTS = 5;

export interface PollReport {
  lockouts: number;
  changedEpisodes: number;
  sent: number;
  updated: number;
  gone: number;
  failed: number;
}

export class NotificationService {
  private readonly lastSend = new Map<string, number>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: NotifyOptions) {
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async subscribe(ref: ConversationRef, by: string, scope: { minUsers?: number; groupName?: string } = {}): Promise<{ created: boolean; subscription: Subscription; note?: string }> {
    const state = await this.o.store.load();
    let note: string | undefined;
    let groupId: string | undefined;
    if (scope.groupName) {
      const groups = await this.o.source.listGroups();
      const g = groups?.find((x) => (x.displayName ?? '').toLowerCase() === scope.groupName!.toLowerCase());
      if (g) groupId = g.id;
      else note = groups ? `No group called "${scope.groupName}" was found, so this subscription covers everyone.` : `Groups cannot be listed from ${this.o.source.description}, so this subscription covers everyone.`;
    }
    const existing = state.subscriptions.find((s) => s.ref.conversationId === ref.conversationId);
    const subscription: Subscription = {
      id: existing?.id ?? randomUUID(),
      ref,
      createdBy: by,
      createdAt: existing?.createdAt ?? this.o.clock(),
      minUsers: scope.minUsers ?? 1,
      ...(groupId ? { groupId, groupName: scope.groupName } : {}),
    };
    state.subscriptions = [...state.subscriptions.filter((s) => s.id !== subscription.id), subscription];
    await this.o.store.save(state);
    return { created: !existing, subscription, ...(note ? { note } : {}) };
  }

  async unsubscribe(conversationId: string): Promise<boolean> {
    const state = await this.o.store.load();
    const before = state.subscriptions.length;
    state.subscriptions = state.subscriptions.filter((s) => s.ref.conversationId !== conversationId);
    await this.o.store.save(state);
    return state.subscriptions.length < before;
  }

  async subscriptions(): Promise<Subscription[]> {
    return (await this.o.store.load()).subscriptions;
  }

  /** Someone pressed "Mark handled": recorded, and the card shows it. */
  async markHandled(episodeKey: string, by: string): Promise<Card | undefined> {
    const state = await this.o.store.load();
    const e = state.episodes[episodeKey];
    if (!e) return undefined;
    e.handledBy = by;
    e.handledAt = this.o.clock();
    e.version++;
    await this.o.store.save(state);
    return await this.card(e, await this.latestDiagnosis(e));
  }

  /** One round: new lockouts since the cursor → episodes → cards delivered. */
  async pollOnce(): Promise<PollReport> {
    const state = await this.o.store.load();
    const now = this.o.clock();
    const report: PollReport = { lockouts: 0, changedEpisodes: 0, sent: 0, updated: 0, gone: 0, failed: 0 };
    const since = new Date(state.cursor ? Date.parse(state.cursor) - OVERLAP_MS : Date.parse(now) - FIRST_LOOK_MS).toISOString();
    if (state.subscriptions.length) {
      const found = await this.o.source.querySignIns({ errorCode: 50053, since, until: now, priority: 'background', limit: 5000 });
      report.lockouts = found.events.length;
      const accounts: Record<string, number> = {};
      for (const ip of new Set(found.events.map((e) => e.ipAddress).filter((x): x is string => !!x))) {
        const failing = await this.o.source.querySignIns({ ip, outcome: 'failure', since: new Date(Date.parse(now) - 60 * 60_000).toISOString(), until: now, priority: 'background', limit: 5000 });
        accounts[ip] = new Set(failing.events.map((e) => (e.userPrincipalName ?? e.userId).toLowerCase())).size;
      }
      report.changedEpisodes = updateEpisodes(state.episodes, found.events, accounts, now).length;
    }
    state.cursor = now;
    await this.o.store.save(state);
    await this.deliverAll(state, report);
    return report;
  }

  private matches(s: Subscription, e: Episode, memberOf: (userId: string) => Set<string> | undefined): boolean {
    if (e.userIds.length < s.minUsers) return false;
    if (s.users?.length && !e.userIds.some((u) => s.users!.includes(u))) return false;
    if (s.groupId) return e.userIds.some((u) => memberOf(u)?.has(s.groupId!) ?? true);
    return true;
  }

  private async deliverAll(state: NotifyState, report: PollReport): Promise<void> {
    const groups = await this.o.source.listGroups();
    const memberOf = (userId: string) => (groups ? transitiveGroups(userId, groups) : undefined);
    const now = Date.parse(this.o.clock());
    const cards = new Map<string, Card>();
    for (const e of Object.values(state.episodes)) {
      for (const s of [...state.subscriptions]) {
        if (!this.matches(s, e, memberOf)) continue;
        const key = deliveryKey(e.key, s.id);
        const d = state.deliveries[key];
        if (d?.status === 'gone') continue;
        if (d?.status === 'sent' && d.version >= e.version) continue;
        if (d?.retryAfter && Date.parse(d.retryAfter) > now) continue;
        if (d?.status === 'failed' && d.attempts >= MAX_ATTEMPTS) continue;
        let card = cards.get(e.key);
        if (!card) cards.set(e.key, (card = await this.card(e, await this.latestDiagnosis(e))));
        await this.pace(s.ref.conversationId);
        const summary = e.kind === 'spray' ? `Password spray: ${e.userIds.length} locked out` : 'Someone is locked out';
        const outcome = d?.activityId ? await this.o.sender.update(s.ref, d.activityId, card, summary) : await this.o.sender.send(s.ref, card, summary);
        const at = new Date().toISOString();
        if (outcome.kind === 'sent') {
          state.deliveries[key] = { episodeKey: e.key, subscriptionId: s.id, status: 'sent', version: e.version, activityId: outcome.activityId, attempts: (d?.attempts ?? 0) + 1, at };
          if (d?.activityId) report.updated++;
          else report.sent++;
        } else if (outcome.kind === 'gone') {
          // The bot was removed from the conversation (403) or it no longer exists (404): stop posting there.
          state.subscriptions = state.subscriptions.filter((x) => x.id !== s.id);
          state.deliveries[key] = { episodeKey: e.key, subscriptionId: s.id, status: 'gone', version: e.version, attempts: (d?.attempts ?? 0) + 1, lastError: outcome.reason, at };
          report.gone++;
          this.o.log?.(`notifications: removed the subscription in ${s.ref.where ?? s.ref.conversationId}: ${outcome.reason}`);
        } else {
          const retryAfter = outcome.kind === 'throttled' ? new Date(now + outcome.retryAfterMs).toISOString() : new Date(now + 60_000 * 2 ** (d?.attempts ?? 0)).toISOString();
          state.deliveries[key] = { episodeKey: e.key, subscriptionId: s.id, status: 'failed', version: d?.version ?? -1, ...(d?.activityId ? { activityId: d.activityId } : {}), attempts: (d?.attempts ?? 0) + 1, lastError: outcome.kind === 'throttled' ? 'throttled' : outcome.reason, retryAfter, at };
          report.failed++;
        }
        // Stored before the next send: a restart resumes exactly here.
        await this.o.store.save(state);
      }
    }
  }

  private async pace(conversationId: string): Promise<void> {
    const spacing = this.o.spacingMs ?? 250;
    const last = this.lastSend.get(conversationId) ?? 0;
    const wait = last + spacing - Date.now();
    if (wait > 0) await this.sleep(wait);
    this.lastSend.set(conversationId, Date.now());
  }

  private async latestDiagnosis(e: Episode): Promise<Diagnosis | undefined> {
    const lastId = e.eventIds[e.eventIds.length - 1];
    if (!lastId) return undefined;
    const found = await this.o.source.querySignIns({ requestId: lastId, priority: 'background' });
    const attempt = groupAttempts(found.events)[0];
    if (!attempt) return undefined;
    return new DiagnosisContext(this.o.source, this.o.clock()).diagnose(attempt);
  }

  private async card(e: Episode, latest: Diagnosis | undefined): Promise<Card> {
    const names: Record<string, string> = {};
    for (const id of e.userIds.slice(0, 10)) {
      const u = await this.o.source.getUser(id);
      names[id] = u?.displayName ?? u?.userPrincipalName ?? id;
    }
    return lockoutAlertCard(e, latest, names);
  }
}

export { SPRAY_ACCOUNTS };
