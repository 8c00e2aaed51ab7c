import { asDiagError } from '../errors.ts';
import { ActivityHandler, ActivityTypes, CardFactory, MessageFactory, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import { answerAction, answerMessage, recordAudit, type AnswerContext, type Reply } from '../answer/answer.ts';
import type { FeedbackStore } from '../answer/feedback.ts';
import type { SignInSource } from '../signins/source.ts';
import type { User } from '../signins/directory.ts';
import type { NotificationService } from '../notify/service.ts';
import type { ConversationRef } from '../notify/store.ts';
import { noticeCard } from '../cards/simple-cards.ts';
import type { Access, AccessChecker } from '../trust/access.ts';
import type { AuditTrail } from '../trust/audit.ts';
import type { RateLimiter } from '../trust/limits.ts';
import type { LogFn } from '../log.ts';

/**
 * Teams ↔ the answer layer. Messages get a card (with its text as the fallback); card
 * buttons (Action.Execute) get a card that replaces the pressed one in place.
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
}

export class SignInBot extends ActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      TurnContext.removeRecipientMention(context.activity);
      const ctx = await this.context(context);
      const stop = await this.gate(ctx, 'message', context);
      if (stop) {
        await context.sendActivity(stop);
        return next();
      }
      await context.sendActivity({ type: ActivityTypes.Typing });
      // A slow source (Graph throttling, a busy budget): say so rather than leave the chat silent.
      const slow = setTimeout(() => void context.sendActivity('Still looking: the sign-in logs are slow to answer right now. The answer will follow.').catch(() => {}), STILL_LOOKING_MS);
      try {
        const reply = await answerMessage(context.activity.text ?? '', ctx);
        await context.sendActivity(toActivity(reply));
      } finally {
        clearTimeout(slow);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botJoined = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botJoined) await context.sendActivity(toActivity(await answerMessage('help', await this.context(context))));
      await next();
    });
  }

  /** Another organisation, or too many questions: the sentence to send instead of an answer. */
  private async gate(ctx: AnswerContext, action: string, turn: TurnContext): Promise<string | undefined> {
    if (ctx.access?.kind === 'refused') {
      await recordAudit(ctx, action, undefined, 'refused');
      return `Sorry: ${ctx.access.why}`;
    }
    // Counted per Teams user id (stable, unlike a display name).
    const wait = this.deps.limiter?.take(ctx.askerId ?? turn.activity.from?.id ?? 'unknown') ?? 0;
    if (wait) return `You have asked a lot in the last minute; I can take another question in ${wait} second${wait === 1 ? '' : 's'}.`;
    return undefined;
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
    return {
      access: this.deps.access ? await this.checkAccess(a.from?.aadObjectId, tenantId) : undefined,
      askerId: a.from?.aadObjectId,
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
    };
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue.action as { verb?: unknown; data?: unknown };
    const ctx = await this.context(context);
    const stop = await this.gate(ctx, String(action.verb), context);
    if (stop) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: noticeCard('Not now', [stop], 'Warning') as never };
    try {
      const reply = await answerAction(action.verb, action.data, ctx);
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card as never };
    } catch (e) {
      // The card stays usable: a sentence with a reference to quote, the detail in the log.
      const ref = context.activity.id ?? 'unknown';
      this.deps.log(`button ${String(action.verb)} failed: ${(e as Error).message ?? e}`, { level: 'error', ref, conversation: context.activity.conversation?.id, stack: (e as Error).stack });
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: noticeCard('Something went wrong', [`That button could not be answered (reference ${ref}). Please try again, or ask in the chat.`], 'Attention') as never };
    }
  }
}

/** Where a message came from, as much as a proactive post back there needs. */
function conversationOf(turn: TurnContext): ConversationRef | undefined {
  const a = turn.activity;
  if (!a.serviceUrl || !a.conversation?.id) return undefined;
  const data = (a.channelData ?? {}) as { channel?: { name?: string }; team?: { name?: string } };
  const type = a.conversation.conversationType ?? 'personal';
  // A channel post arrives in its thread (`;messageid=…`); alerts start new threads in the channel.
  const conversationId = a.conversation.id.split(';messageid=')[0]!;
  const where = type === 'channel' ? `${data.team?.name ? `${data.team.name} › ` : ''}${data.channel?.name ?? 'this channel'}` : type === 'groupChat' ? 'this group chat' : 'this chat';
  return { conversationId, serviceUrl: a.serviceUrl, tenantId: a.conversation.tenantId ?? undefined, channelId: a.channelId ?? 'msteams', conversationType: type, where };
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
