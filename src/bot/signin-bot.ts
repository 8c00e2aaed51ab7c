import { asDiagError } from '../errors.ts';
import {
  ActivityHandler,
  ActivityTypes,
  CardFactory,
  MessageFactory,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { answerAction, answerMessage, pressOf, pressedOn, recordAudit, type AnswerContext, type Reply } from '../routes/index.ts';
import type { FeedbackStore } from '../routes/feedback-store.ts';
import { InMemoryConversationMemory, type ConversationMemory } from '../routes/memory.ts';
import type { SignInSource } from '../signins/source.ts';
import type { User } from '../signins/directory.ts';
import type { NotificationService } from '../notify/service.ts';
import type { ConversationRef } from '../notify/store.ts';
import { noticeCard } from '../cards/simple-cards.ts';
import { resolveLocale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import type { Access, AccessChecker } from '../trust/access.ts';
import type { AuditTrail } from '../trust/audit.ts';
import type { RateLimiter } from '../trust/limits.ts';
import type { LogFn } from '../log.ts';
import type { TicketDesk } from '../tickets/desk.ts';
import { delegatedTokenFor, type RemedyHost } from './delegated-token.ts';
import type { ReportLinker } from '../routes/report-link.ts';

/**
 * Teams ↔ the answer layer. Messages get a card (with its text as the fallback); card
 * buttons (Action.Execute) are answered as onAdaptiveCardInvoke says (docs/cards.md).
 */
const STILL_LOOKING_MS = 4000;

export interface BotDeps {
  source: SignInSource;
  clock: () => string;
  appNames: readonly string[];
  allUsers?: readonly User[];
  feedback?: FeedbackStore;
  notify?: NotificationService;
  log: LogFn;
  access?: AccessChecker;
  audit?: AuditTrail;
  limiter?: RateLimiter;
  /** Each chat's last answered question, for follow-ups ("and yesterday?"); default: kept in this process only. */
  memory?: ConversationMemory;
  /** Tickets in the helpdesk's system, when a target is configured. */
  tickets?: TicketDesk;
  /** Remediation from the card with the presser's own rights (issue 22); absent: the buttons say it is not available. */
  remedy?: RemedyHost;
  /** The weekly summary's link to the full report, which the bot's server serves (routes/report-link.ts). */
  reportLink?: ReportLinker;
}

export class SignInBot extends ActivityHandler {
  /** One memory per bot: each chat's last answered question, for follow-ups ("and yesterday?"). */
  private readonly memory: ConversationMemory;
  /** The chats (and askers) already told their language is answered in English: it is said once, not under every answer. */
  private readonly toldEnglish = new Set<string>();

  constructor(private readonly deps: BotDeps) {
    super();
    this.memory = deps.memory ?? new InMemoryConversationMemory();
    this.onMessage(async (context, next) => {
      TurnContext.removeRecipientMention(context.activity);
      const ctx = await this.context(context);
      const stop = await this.otherOrganisation(ctx, 'message');
      if (stop) {
        await context.sendActivity(stop);
        return next();
      }
      let slow: ReturnType<typeof setTimeout> | undefined;
      // Once the question is let in (past the rate limit), the chat shows the bot typing.
      const onAccepted = async () => {
        // Not in a channel: Teams shows no typing there, and the Agents Playground's web client fails on a typing
        // activity addressed to a thread (`;messageid=`), then renders nothing more it receives (issue 17).
        if (context.activity.conversation?.conversationType !== 'channel') await context.sendActivity({ type: ActivityTypes.Typing });
        // A slow source (Graph throttling, a busy budget): say so rather than leave the chat silent.
        slow = setTimeout(() => void context.sendActivity(t(ctx.locale ?? 'en', 'error.stillLooking')).catch(() => {}), STILL_LOOKING_MS);
      };
      try {
        // Too many questions get a plain line, without the typing indicator.
        const reply = await answerMessage(context.activity.text ?? '', { ...ctx, rate: this.rate(ctx, context), onAccepted }, { navigable: true });
        const note = this.englishNote(ctx, context);
        if (note) await context.sendActivity(note);
        await context.sendActivity(toActivity(reply));
      } finally {
        clearTimeout(slow);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botJoined = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botJoined) await context.sendActivity(toActivity(await answerMessage('help', await this.context(context), { navigable: true })));
      await next();
    });
  }

  /** "I answer in English; Italian is not supported yet.", the first time an asker whose Teams speaks Italian asks in this chat. */
  private englishNote(ctx: AnswerContext, turn: TurnContext): string | undefined {
    if (!ctx.unsupportedLanguage) return undefined;
    const key = `${turn.activity.conversation?.id ?? ''}|${turn.activity.from?.id ?? ''}`;
    if (this.toldEnglish.has(key)) return undefined;
    if (this.toldEnglish.size > 10_000) this.toldEnglish.clear(); // a bound, not a store: at worst someone is told twice
    this.toldEnglish.add(key);
    return t('en', 'locale.unsupported', { language: ctx.unsupportedLanguage });
  }

  /** Another organisation: the sentence to send instead of an answer (too many questions is the answer layer's rate-limit step). */
  private async otherOrganisation(ctx: AnswerContext, action: string): Promise<string | undefined> {
    if (ctx.access?.kind !== 'refused') return undefined;
    await recordAudit(ctx, action, undefined, 'refused');
    return `Sorry: ${ctx.access.why}`;
  }

  /** Questions and buttons per minute, counted per Teams user id (stable, unlike a display name). */
  private rate(ctx: AnswerContext, turn: TurnContext): AnswerContext['rate'] {
    return this.deps.limiter && { limiter: this.deps.limiter, key: ctx.askerId ?? turn.activity.from?.id ?? 'unknown' };
  }

  /**
   * Who may see what. If the directory cannot say (Graph throttled or down), the asker is
   * treated as limited, never as full: they can still ask about themselves, and are told why.
   */
  private async checkAccess(aadObjectId: string | undefined, tenantId: string | undefined): Promise<Access> {
    try {
      return await this.deps.access!.check({ aadObjectId, tenantId });
    } catch (e) {
      const explanation = asDiagError(e)?.explanation;
      this.deps.log(`access check failed: ${(e as Error).message ?? e}`, { level: 'warn' });
      const why = `${explanation ? `${explanation} ` : ''}I could not check whether you may look other people up, so for now I answer only about your own sign-ins.`;
      return { kind: 'limited', why };
    }
  }

  private async context(turn: TurnContext): Promise<AnswerContext> {
    const a = turn.activity;
    const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const { locale, unsupported } = resolveLocale(a.locale);
    return {
      locale,
      unsupportedLanguage: unsupported,
      access: this.deps.access ? await this.checkAccess(a.from?.aadObjectId, tenantId) : undefined,
      askerId: a.from?.aadObjectId,
      ...(tenantId ? { tenantId } : {}),
      ...(this.deps.reportLink ? { reportLink: this.deps.reportLink } : {}),
      audit: this.deps.audit,
      source: this.deps.source,
      now: this.deps.clock(),
      timeZone: validZone(turn.activity.localTimezone) ?? 'UTC',
      appNames: this.deps.appNames,
      allUsers: this.deps.allUsers,
      feedback: this.deps.feedback,
      asker: turn.activity.from?.name ?? turn.activity.from?.aadObjectId ?? turn.activity.from?.id,
      notify: this.deps.notify,
      conversation: conversationOf(turn),
      memory: this.memory,
      tickets: this.deps.tickets,
      ...(this.deps.remedy ? { remedy: { ...this.deps.remedy.shared, getDelegatedToken: delegatedTokenFor(this.deps.remedy, turn) } } : {}),
    };
  }

  /**
   * A pressed button (Action.Execute), answered as docs/cards.md says: a card shared with others
   * (a group chat, a channel, an alert) is replaced only by a change meant for everyone (Mark
   * handled); one person's drill-down is posted as a new card below it (in its thread) and the
   * presser is told so; their feedback is acknowledged to them alone. In a personal chat a
   * drill-down replaces the card with one that has Back, when the card says how it was produced.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue.action as { verb?: unknown; data?: unknown };
    const ctx = await this.context(context);
    const stop = await this.otherOrganisation(ctx, String(action.verb));
    if (stop) return cardResponse(noticeCard('Not now', [stop], 'Warning'));
    const shared = (context.activity.conversation?.conversationType ?? 'personal') !== 'personal';
    const press = pressOf(action.verb);
    // Back came from a card that replaced another (personal chats only), so it replaces it in turn.
    // A remediation's answer (act) goes to the presser alone, as the invoke response: it may hold a Temporary Access Pass.
    const replacing = press === 'state' || press === 'act' || (!shared && (press === 'note' || action.verb === 'back' || !!pressedOn(action.data)));
    try {
      // The message the card is on: a ticket links back to the diagnosis there.
      const pressedMessageId = context.activity.replyToId ?? undefined;
      const reply = await answerAction(action.verb, action.data, { ...ctx, rate: this.rate(ctx, context), pressedMessageId }, { navigable: true, replacing });
      if (replacing) {
        // Everyone's copy of a shared card, not only the presser's (Teams shows the invoke response to the presser).
        if (press === 'state' && shared && context.activity.replyToId && reply.card)
          await context
            .updateActivity({ ...toActivity(reply), id: context.activity.replyToId })
            .catch((e: Error) => this.deps.log(`could not update the shared card: ${e.message ?? e}`, { level: 'warn' }));
        // A remediation's outcome in the log: the reply's text, which never holds a Temporary Access Pass (only the presser's card does).
        if (press === 'act') this.deps.log(`button ${String(action.verb)}: ${reply.text}`, { conversation: context.activity.conversation?.id });
        // What everyone in the conversation sees of a remediation: an approval request posted, or the approval card answered.
        if (reply.everyone) {
          const everyone = toActivity({ text: reply.everyone.text, card: reply.everyone.card });
          const sent =
            reply.everyone.how === 'update' && context.activity.replyToId
              ? context.updateActivity({ ...everyone, id: context.activity.replyToId })
              : context.sendActivity(everyone);
          await Promise.resolve(sent).catch((e: Error) =>
            this.deps.log(`could not post the remediation card for everyone: ${e.message ?? e}`, { level: 'warn' }),
          );
        }
        return reply.card ? cardResponse(reply.card) : messageResponse(reply.text);
      }
      if (press === 'note') return messageResponse(reply.text);
      await context.sendActivity(toActivity(reply));
      return messageResponse(shared ? 'Answered in a new card below, so this one stays as it is for everyone.' : 'Answered in a new card below.');
    } catch (e) {
      // The card stays usable: a sentence with a reference to quote, the detail in the log.
      const ref = context.activity.id ?? 'unknown';
      this.deps.log(`button ${String(action.verb)} failed: ${(e as Error).message ?? e}`, {
        level: 'error',
        ref,
        conversation: context.activity.conversation?.id,
        stack: (e as Error).stack,
      });
      const line = `That button could not be answered (reference ${ref}). Please try again, or ask in the chat.`;
      return replacing ? cardResponse(noticeCard('Something went wrong', [line], 'Attention')) : messageResponse(line);
    }
  }
}

const cardResponse = (card: object): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never });
/** A line under the card for the presser alone; the card itself stays as it is. */
const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: text as never,
});

/** Where a message came from, as much as a proactive post back there needs. */
function conversationOf(turn: TurnContext): ConversationRef | undefined {
  const a = turn.activity;
  if (!a.serviceUrl || !a.conversation?.id) return undefined;
  const data = (a.channelData ?? {}) as { channel?: { name?: string }; team?: { name?: string } };
  const type = a.conversation.conversationType ?? 'personal';
  // A channel post arrives in its thread (`;messageid=…`); alerts start new threads in the channel.
  const conversationId = a.conversation.id.split(';messageid=')[0]!;
  const where =
    type === 'channel'
      ? `${data.team?.name ? `${data.team.name} › ` : ''}${data.channel?.name ?? 'this channel'}`
      : type === 'groupChat'
        ? 'this group chat'
        : 'this chat';
  return {
    conversationId,
    serviceUrl: a.serviceUrl,
    tenantId: a.conversation.tenantId ?? undefined,
    channelId: a.channelId ?? 'msteams',
    conversationType: type,
    where,
  };
}

function toActivity(reply: Reply) {
  // The line of text becomes the summary Teams shows in notifications and previews.
  return reply.card ? { ...MessageFactory.attachment(CardFactory.adaptiveCard(reply.card)), summary: reply.text } : MessageFactory.text(reply.text);
}

function validZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}
