import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Card } from '../cards/render.ts';
import type { SendOutcome, Sender } from '../notify/service.ts';
import type { ConversationRef } from '../notify/store.ts';
import { isLoopbackUrl } from './http-guard.ts';

/**
 * Proactive cards through the Bot Framework connector, with its errors turned into
 * outcomes: 403 (the bot was removed, blocked or disabled) and 404 (the conversation is
 * gone) mean stop posting there; 429 means wait as told; anything else is a failure to retry.
 */
export class BotSender implements Sender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    /** Local mode has no token to send: it posts only to a connector on this machine (the Playground). */
    private readonly opts: { loopbackOnly?: boolean } = {},
  ) {}

  /** A stored subscription from a real deployment (a shared state file or Blob container) is not posted to from local mode. */
  private refused(ref: ConversationRef): SendOutcome | undefined {
    return this.opts.loopbackOnly && !isLoopbackUrl(ref.serviceUrl)
      ? { kind: 'failed', reason: `local mode posts only to a connector on this machine, not ${new URL(ref.serviceUrl).host}` }
      : undefined;
  }

  private reference(ref: ConversationRef): Partial<ConversationReference> {
    return {
      serviceUrl: ref.serviceUrl,
      channelId: ref.channelId,
      conversation: {
        id: ref.conversationId,
        tenantId: ref.tenantId,
        conversationType: ref.conversationType ?? 'channel',
        isGroup: ref.conversationType !== 'personal',
        name: '',
      },
      bot: { id: this.appId, name: 'Sign-in Diagnostics' },
    };
  }

  async send(ref: ConversationRef, card: Card, summary: string): Promise<SendOutcome> {
    const refused = this.refused(ref);
    if (refused) return refused;
    try {
      let activityId = '';
      await this.adapter.continueConversationAsync(this.appId, this.reference(ref), async (ctx) => {
        const r = await ctx.sendActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), summary });
        activityId = r?.id ?? '';
      });
      return { kind: 'sent', activityId };
    } catch (e) {
      return classify(e);
    }
  }

  async update(ref: ConversationRef, activityId: string, card: Card, summary: string): Promise<SendOutcome> {
    const refused = this.refused(ref);
    if (refused) return refused;
    try {
      await this.adapter.continueConversationAsync(this.appId, this.reference(ref), async (ctx) => {
        await ctx.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId, summary });
      });
      return { kind: 'sent', activityId };
    } catch (e) {
      return classify(e);
    }
  }
}

export function classify(e: unknown): SendOutcome {
  const err = e as { statusCode?: number; code?: string; message?: string; response?: { headers?: { get?: (n: string) => string | undefined } } };
  const status = err.statusCode ?? 0;
  const reason = `${status || 'error'} ${err.code ?? ''} ${err.message ?? ''}`.trim().slice(0, 200);
  if (status === 403 || status === 404) return { kind: 'gone', reason };
  if (status === 429) {
    const after = Number(err.response?.headers?.get?.('retry-after'));
    return { kind: 'throttled', retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : 30_000 };
  }
  return { kind: 'failed', reason };
}
