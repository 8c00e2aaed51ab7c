import { randomUUID } from 'node:crypto';
import { groupAttempts } from '../diagnosis/attempts.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import { transitiveGroups } from '../diagnosis/ca-evaluator.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { lockoutAlertCard } from '../cards/lockout-alert-card.ts';
import { heading, incidentAlertCard } from '../cards/incidents-card.ts';
import { diagnoseWindow } from '../query/diagnose-window.ts';
import type { Card } from '../cards/render.ts';
import { DiagnosisContext } from '../query/diagnose-attempts.ts';
import type { SignInSource } from '../signins/source.ts';
import { claimAbandoned, newRunner, runningHere, track, type Runner } from './claims.ts';
import { SPRAY_ACCOUNTS, updateEpisodes } from './episodes.ts';
import { lookFrom, updateIncidents } from './incident-episodes.ts';
import { DEFAULT_RETENTION_DAYS, pruneEnded } from './prune.ts';
import {
  deliveryKey,
  type ConversationRef,
  type Delivery,
  type Episode,
  type IncidentEpisode,
  type NotifyState,
  type NotifyStore,
  type Subscription,
} from './store.ts';
import { windowBefore } from '../instants.ts';

/**
 * Lockout and incident notifications: who is subscribed (to which), polling the source for
 * lockouts and for incidents, and delivering one card per episode (or incident) per conversation. Each send is claimed in the store before it goes
 * out (so a second instance leaves it alone, and a restart knows it may already be there)
 * and its outcome stored right after, each as a change to the then-current state.
 * docs/alerts-delivery.md says what this promises and why.
 */
export type SendOutcome =
  { kind: 'sent'; activityId: string } | { kind: 'gone'; reason: string } | { kind: 'throttled'; retryAfterMs: number } | { kind: 'failed'; reason: string };

/** Implemented by the bot (proactive messages through the Bot Framework connector). */
export interface Sender {
  send(ref: ConversationRef, card: Card, summary: string): Promise<SendOutcome>;
  update(ref: ConversationRef, activityId: string, card: Card, summary: string): Promise<SendOutcome>;
}

export interface NotifyOptions {
  source: SignInSource;
  store: NotifyStore;
  sender: Sender;
  /** The alerts' clock, ISO (a snapshot folder's "as of" in local mode). */
  clock: () => string;
  /** Wall-clock milliseconds, for how old a claim is (default Date.now). */
  wallClock?: () => number;
  /** Time between two sends to one conversation (Teams allows 7 a second; we stay well under). */
  spacingMs?: number;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Ended lockouts and incidents are forgotten this long after their last failure (default 14 days; NOTIFY_RETENTION_DAYS). */
  retentionMs?: number;
}

/** The alerts' zone for a channel that subscribed without one (before zones were recorded). */
export const ALERT_ZONE = 'UTC';
/** How far back each poll looks again: sign-ins reach the logs minutes late. */
const OVERLAP_MS = 15 * 60_000;
const FIRST_LOOK_MS = 60 * 60_000;
const MAX_ATTEMPTS = 5;
/** "stop" waits this long at most for a card another instance is sending right now. */
const SETTLE_CHECKS = 40;
const SETTLE_WAIT_MS = 250;

/** What a card sent again after a restart says, in its first line (here in English) and, in brackets, in its notification summary. */
export const REPEAT_NOTE = t('en', 'alert.repeat.note');

export interface PollReport {
  lockouts: number;
  /** Incidents found in the window looked at, and how many stored incident alerts changed (new, grown, ended). */
  incidents: number;
  changedIncidents: number;
  changedEpisodes: number;
  sent: number;
  updated: number;
  gone: number;
  failed: number;
  /** Cards sent again, marked, because an earlier send's outcome was never recorded. */
  repeated: number;
  /** Ended lockout episodes and incidents dropped from the store this round (older than the retention). */
  pruned: number;
}

type Due = { send: false } | { send: true; repeat: boolean };

/** What one card is about, for delivering it: a lockout episode or an incident, under its delivery key. */
interface Deliverable {
  /** `Delivery.episodeKey`: the episode's key, or "incident:" and the incident's id. */
  key: string;
  version: number;
  summary: string;
  /** The channel's language, for the note on a card sent again. */
  language: Locale;
  /** The same thing in the then-current state (undefined: gone since the round began). */
  current(state: NotifyState): { version: number } | undefined;
}

export type AlertKind = Subscription['kind'];
const INCIDENT_KEY = 'incident:';
const NOT_DUE: Due = { send: false };

export class NotificationService {
  private readonly lastSend = new Map<string, number>();
  private readonly sleep: (ms: number) => Promise<void>;
  /** This start of the service, as named in its claims. */
  readonly runner: Runner = newRunner();

  constructor(private readonly o: NotifyOptions) {
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private wall(): number {
    return this.o.wallClock?.() ?? Date.now();
  }

  async subscribe(
    ref: ConversationRef,
    by: string,
    scope: { minUsers?: number; groupName?: string; timeZone?: string; kind?: AlertKind; language?: Locale } = {},
  ): Promise<{ created: boolean; subscription: Subscription; note?: string }> {
    let note: string | undefined;
    let groupId: string | undefined;
    if (scope.groupName) {
      const groups = await this.o.source.listGroups();
      const g = groups?.find((x) => (x.displayName ?? '').toLowerCase() === scope.groupName!.toLowerCase());
      if (g) groupId = g.id;
      else
        note = groups
          ? `No group called "${scope.groupName}" was found, so this subscription covers everyone.`
          : `Groups cannot be listed from ${this.o.source.description}, so this subscription covers everyone.`;
    }
    const id = randomUUID();
    const now = this.o.clock();
    return this.o.store.update((state) => {
      // One subscription per conversation and kind: lockouts and incidents are subscribed (and stopped) apart.
      const kind = scope.kind ?? 'lockouts';
      const existing = state.subscriptions.find((s) => s.ref.conversationId === ref.conversationId && s.kind === kind);
      const subscription: Subscription = {
        id: existing?.id ?? id,
        ref,
        createdBy: by,
        createdAt: existing?.createdAt ?? now,
        minUsers: scope.minUsers ?? 1,
        kind,
        ...(groupId ? { groupId, groupName: scope.groupName } : {}),
        ...(scope.timeZone ? { timeZone: scope.timeZone } : {}),
        ...(scope.language && scope.language !== 'en' ? { language: scope.language } : {}),
      };
      state.subscriptions = [...state.subscriptions.filter((s) => s.id !== subscription.id), subscription];
      return { created: !existing, subscription, ...(note ? { note } : {}) };
    });
  }

  /** Removes the conversation's subscription (of that kind; every kind without one) and returns once no card is still on its way there. */
  async unsubscribe(conversationId: string, kind?: AlertKind): Promise<boolean> {
    const removed = await this.o.store.update((state) => {
      const gone = (s: Subscription) => s.ref.conversationId === conversationId && (!kind || s.kind === kind);
      const ids = state.subscriptions.filter(gone).map((s) => s.id);
      state.subscriptions = state.subscriptions.filter((s) => !gone(s));
      return ids;
    });
    if (removed.length) await this.settle(new Set(removed));
    return removed.length > 0;
  }

  /** Waits for sends claimed before the subscription went (here or, for a bounded time, on another instance). */
  private async settle(subscriptionIds: Set<string>): Promise<void> {
    for (let i = 0; i < SETTLE_CHECKS; i++) {
      const state = await this.o.store.load();
      const now = this.wall();
      const pending = Object.entries(state.deliveries).filter(
        ([k, d]) => subscriptionIds.has(d.subscriptionId) && d.status === 'sending' && d.claim && !claimAbandoned(d.claim, k, now),
      );
      if (!pending.length) return;
      const here = pending.map(([k, d]) => runningHere(d.claim!, k)).filter((p): p is Promise<unknown> => !!p);
      if (here.length) await Promise.allSettled(here);
      else await new Promise((r) => setTimeout(r, SETTLE_WAIT_MS));
    }
    this.o.log?.('notifications: a card claimed by another instance was still being sent when the subscription was removed');
  }

  async subscriptions(): Promise<Subscription[]> {
    return (await this.o.store.load()).subscriptions;
  }

  /** Someone pressed "Mark handled": recorded, and the card they see shows it, in their zone and language (the channels' cards follow on the next round, each in its own). */
  async markHandled(episodeKey: string, by: string, timeZone = ALERT_ZONE, locale: Locale = 'en'): Promise<Card | undefined> {
    const at = this.o.clock();
    const e = await this.o.store.update((state) => {
      // The key comes from a button: only the state's own episodes, never an inherited property ("__proto__").
      const e = Object.hasOwn(state.episodes, episodeKey) ? state.episodes[episodeKey] : undefined;
      if (!e) return undefined;
      e.handledBy = by;
      e.handledAt = at;
      e.version++;
      return structuredClone(e);
    });
    return e && (await this.card(e, await this.latestDiagnosis(e), timeZone, locale));
  }

  /**
   * "Mark handled" on an incident alert: recorded on the stored incident (its version bumped, so
   * every channel's card is updated next round, each in its zone and language), and the card the
   * presser sees shows it now. The id comes from a button: only the state's own incidents count.
   */
  async markIncidentHandled(incidentId: string, by: string, timeZone = ALERT_ZONE, locale: Locale = 'en'): Promise<Card | undefined> {
    const at = this.o.clock();
    const e = await this.o.store.update((state) => {
      const e = Object.hasOwn(state.incidents, incidentId) ? state.incidents[incidentId] : undefined;
      if (!e) return undefined;
      // Pressed twice (two people at once, or a retry): the first press stands.
      if (!e.handledBy) {
        e.handledBy = by;
        e.handledAt = at;
        e.version++;
      }
      return structuredClone(e);
    });
    return e && incidentAlertCard(e.incident, e, timeZone, locale);
  }

  /** One round: new lockouts since the cursor → episodes → cards delivered. */
  async pollOnce(): Promise<PollReport> {
    const before = await this.o.store.load();
    const now = this.o.clock();
    const report: PollReport = {
      lockouts: 0,
      incidents: 0,
      changedIncidents: 0,
      changedEpisodes: 0,
      sent: 0,
      updated: 0,
      gone: 0,
      failed: 0,
      repeated: 0,
      pruned: 0,
    };
    const since = new Date(before.cursor ? Date.parse(before.cursor) - OVERLAP_MS : Date.parse(now) - FIRST_LOOK_MS).toISOString();
    let found: Awaited<ReturnType<SignInSource['querySignIns']>> | undefined;
    const accounts: Record<string, number> = {};
    if (before.subscriptions.some((s) => s.kind === 'lockouts')) {
      found = await this.o.source.querySignIns({ errorCode: 50053, since, until: now, priority: 'background', limit: 5000 });
      report.lockouts = found.events.length;
      for (const ip of new Set(found.events.map((e) => e.ipAddress).filter((x): x is string => !!x))) {
        const failing = await this.o.source.querySignIns({ ip, outcome: 'failure', ...windowBefore(now, 1), priority: 'background', limit: 5000 });
        accounts[ip] = new Set(failing.events.map((e) => (e.userPrincipalName ?? e.userId).toLowerCase())).size;
      }
    }
    // Applied to the current episodes (another instance may have added some): events already seen are skipped.
    // In the same change, alerts ended longer ago than the retention leave the store with their deliveries.
    const retention = this.o.retentionMs ?? DEFAULT_RETENTION_DAYS * 86_400_000;
    const round = await this.o.store.update((state) => {
      const changed = found ? updateEpisodes(state.episodes, found.events, accounts, now).length : 0;
      if (!state.cursor || now > state.cursor) state.cursor = now;
      const pruned = pruneEnded(state, now, retention);
      return { changed, pruned: pruned.episodes + pruned.incidents };
    });
    report.changedEpisodes = round.changed;
    report.pruned = round.pruned;
    if (before.subscriptions.some((s) => s.kind === 'incidents')) await this.findIncidents(before, now, report);
    await this.deliverAll(report);
    return report;
  }

  /**
   * Incidents: the failures of the window diagnosed and grouped (query/diagnose-window.ts), from
   * the first failure of any incident still open (so it is found whole, under the same id), else
   * the last two hours; applied to the then-current stored incidents.
   */
  private async findIncidents(before: NotifyState, now: string, report: PollReport): Promise<void> {
    const since = lookFrom(before.incidents, now);
    const listing = await diagnoseWindow(this.o.source, { since, until: now, now, only: 'failures' });
    report.incidents = listing.incidents.length;
    report.changedIncidents = await this.o.store.update((state) => updateIncidents(state.incidents, listing.incidents, now).length);
  }

  private matches(s: Subscription, e: Episode, memberOf: (userId: string) => Set<string> | undefined): boolean {
    if (s.kind !== 'lockouts') return false;
    if (e.userIds.length < s.minUsers) return false;
    if (s.users?.length && !e.userIds.some((u) => s.users!.includes(u))) return false;
    if (s.groupId) return e.userIds.some((u) => memberOf(u)?.has(s.groupId!) ?? true);
    return true;
  }

  /** Whether a card is due, from a delivery as stored (checked on a read copy first, then again when claiming). */
  private due(d: Delivery | undefined, e: { version: number }, key: string): Due {
    if (!d) return { send: true, repeat: false };
    if (d.status === 'gone') return NOT_DUE;
    if (d.status === 'sending') {
      // Someone is sending it now, unless the process that claimed it is gone.
      if (!d.claim || !claimAbandoned(d.claim, key, this.wall())) return NOT_DUE;
      // A new card (POST) may have reached Teams before the crash: the repeat says so. An update (PUT to the card's id) is simply done again.
      return { send: true, repeat: !d.activityId };
    }
    if (d.status === 'sent' && d.version >= e.version) return NOT_DUE;
    if (d.retryAfter && Date.parse(d.retryAfter) > Date.parse(this.o.clock())) return NOT_DUE;
    if (d.status === 'failed' && d.attempts >= MAX_ATTEMPTS) return NOT_DUE;
    return { send: true, repeat: !!d.mayBePosted && !d.activityId };
  }

  private async deliverAll(report: PollReport): Promise<void> {
    const state = await this.o.store.load();
    const groups = await this.o.source.listGroups();
    const memberOf = (userId: string) => (groups ? transitiveGroups(userId, groups) : undefined);
    const cards = new Map<string, Card>();
    for (const e of Object.values(state.episodes)) {
      let latest: Diagnosis | undefined;
      for (const s of state.subscriptions) {
        if (!this.matches(s, e, memberOf)) continue;
        const key = deliveryKey(e.key, s.id);
        if (!this.due(state.deliveries[key], e, key).send) continue;
        // One card per episode, zone and language: each channel reads the times in the zone, and the words in the language, it subscribed with.
        const zone = s.timeZone ?? ALERT_ZONE;
        const language = s.language ?? 'en';
        const view = `${e.key}|${zone}|${language}`;
        let card = cards.get(view);
        if (!card) cards.set(view, (card = await this.card(e, (latest ??= await this.latestDiagnosis(e)), zone, language)));
        await this.pace(s.ref.conversationId);
        const item: Deliverable = {
          key: e.key,
          version: e.version,
          summary: t(language, e.kind === 'spray' ? 'alert.lockoutSummary.spray' : 'alert.lockoutSummary.one', { count: e.userIds.length }),
          language,
          current: (st) => (Object.hasOwn(st.episodes, e.key) ? st.episodes[e.key] : undefined),
        };
        await track(this.runner, key, this.deliverOne(key, item, s.id, card, report));
      }
    }
    for (const [id, e] of Object.entries(state.incidents)) {
      for (const s of state.subscriptions) {
        if (s.kind !== 'incidents') continue;
        const key = deliveryKey(INCIDENT_KEY + id, s.id);
        if (!this.due(state.deliveries[key], e, key).send) continue;
        const zone = s.timeZone ?? ALERT_ZONE;
        const language = s.language ?? 'en';
        const view = `${INCIDENT_KEY}${id}|${zone}|${language}`;
        let card = cards.get(view);
        if (!card) cards.set(view, (card = incidentAlertCard(e.incident, e, zone, language)));
        await this.pace(s.ref.conversationId);
        const item: Deliverable = {
          key: INCIDENT_KEY + id,
          version: e.version,
          // The notification's line in the channel's language, as its card.
          summary: t(language, e.ended ? 'alert.incident.summaryEnded' : 'alert.incident.summary', { heading: heading(e.incident, language) }),
          language,
          current: (st) => (Object.hasOwn(st.incidents, id) ? (st.incidents[id] as IncidentEpisode) : undefined),
        };
        await track(this.runner, key, this.deliverOne(key, item, s.id, card, report));
      }
    }
  }

  /** Claim (on the current state) → send → record the outcome (on the then-current state). */
  private async deliverOne(key: string, e: Deliverable, subscriptionId: string, card: Card, report: PollReport): Promise<void> {
    const claimedAt = new Date(this.wall()).toISOString();
    const claim = await this.o.store.update((state) => {
      const sub = state.subscriptions.find((x) => x.id === subscriptionId);
      const current = e.current(state);
      if (!sub || !current) return undefined; // stopped (or gone) since the round began
      const d = state.deliveries[key];
      const due = this.due(d, current, key);
      if (!due.send) return undefined;
      const { host, pid, run } = this.runner;
      state.deliveries[key] = {
        episodeKey: e.key,
        subscriptionId,
        status: 'sending',
        version: d?.version ?? -1,
        ...(d?.activityId ? { activityId: d.activityId } : {}),
        attempts: d?.attempts ?? 0,
        at: claimedAt,
        ...(due.repeat ? { mayBePosted: true } : {}),
        // The card shows the episode as it was read for this round; a later version is sent as an update next round.
        claim: { host, pid, run, at: claimedAt, version: e.version, repeat: due.repeat },
      };
      return { ref: sub.ref, activityId: d?.activityId, attempts: d?.attempts ?? 0, shownVersion: d?.version ?? -1, repeat: due.repeat };
    });
    if (!claim) return;
    const summary = e.summary + (claim.repeat ? ` (${t(e.language, 'alert.repeat.summary')})` : '');
    const shown = claim.repeat ? markedRepeat(card, e.language) : card;
    let outcome: SendOutcome;
    try {
      outcome = claim.activityId
        ? await this.o.sender.update(claim.ref, claim.activityId, shown, summary)
        : await this.o.sender.send(claim.ref, shown, summary);
    } catch (err) {
      outcome = { kind: 'failed', reason: String((err as Error)?.message ?? err).slice(0, 200) };
    }
    const now = Date.parse(this.o.clock());
    const at = new Date(this.wall()).toISOString();
    const base = { episodeKey: e.key, subscriptionId, attempts: claim.attempts + 1, at };
    // Stored before the next send: a restart resumes exactly here.
    await this.o.store.update((state) => {
      if (outcome.kind === 'sent') {
        state.deliveries[key] = { ...base, status: 'sent', version: e.version, activityId: outcome.activityId, ...(claim.repeat ? { repeated: true } : {}) };
      } else if (outcome.kind === 'gone') {
        // The bot was removed from the conversation (403) or it no longer exists (404): stop posting there.
        state.subscriptions = state.subscriptions.filter((x) => x.id !== subscriptionId);
        state.deliveries[key] = { ...base, status: 'gone', version: claim.shownVersion, lastError: outcome.reason };
      } else {
        const retryAfter =
          outcome.kind === 'throttled' ? new Date(now + outcome.retryAfterMs).toISOString() : new Date(now + 60_000 * 2 ** claim.attempts).toISOString();
        state.deliveries[key] = {
          ...base,
          status: 'failed',
          version: claim.shownVersion,
          ...(claim.activityId ? { activityId: claim.activityId } : {}),
          lastError: outcome.kind === 'throttled' ? 'throttled' : outcome.reason,
          retryAfter,
          ...(claim.repeat ? { mayBePosted: true } : {}),
        };
      }
    });
    if (outcome.kind === 'sent') {
      if (claim.activityId) report.updated++;
      else report.sent++;
      if (claim.repeat) report.repeated++;
    } else if (outcome.kind === 'gone') {
      report.gone++;
      this.o.log?.(`notifications: removed the subscription in ${claim.ref.where ?? claim.ref.conversationId}: ${outcome.reason}`);
    } else report.failed++;
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

  private async card(e: Episode, latest: Diagnosis | undefined, timeZone: string, locale: Locale = 'en'): Promise<Card> {
    const names: Record<string, string> = {};
    for (const id of e.userIds.slice(0, 10)) {
      const u = await this.o.source.getUser(id);
      names[id] = u?.displayName ?? u?.userPrincipalName ?? id;
    }
    return lockoutAlertCard(e, latest, names, timeZone, locale);
  }
}

/** The card with a first line saying it may be the second copy. */
export function markedRepeat(card: Card, language: Locale = 'en'): Card {
  const body = Array.isArray(card.body) ? (card.body as unknown[]) : [];
  return { ...card, body: [{ type: 'TextBlock', text: t(language, 'alert.repeat.note'), wrap: true, isSubtle: true, size: 'Small' }, ...body] };
}

export { SPRAY_ACCOUNTS };
