import { z } from 'zod';

/**
 * The shape an inbound activity must have before botbuilder and the bot see it. botbuilder
 * trusts the body (a `type` that is not a string, `entities` that are not an array or a
 * `conversation` without an id all became 500s or a failed turn); this checks the fields
 * that botbuilder and SignInBot read, and leaves the rest alone (Teams adds fields over time).
 */
const text = z.string().nullish();
const Account = z.looseObject({ id: z.string().min(1), name: text, aadObjectId: text, role: text });
const Entity = z.looseObject({ type: z.string() });
/** botbuilder's removeRecipientMention reads `mentioned.id` and `text` of every mention. */
const Mention = z.looseObject({ type: z.string(), mentioned: z.looseObject({ id: z.string() }), text: z.string() });
/** ActivityHandler reads `value.action.type` of a card button press without checking it; a verb is a name (Adaptive Cards schema), and the bot logs it as text. */
const CardActionValue = z.looseObject({ action: z.looseObject({ type: z.string(), verb: z.string().nullish() }) });

export const InboundActivity = z
  .looseObject({
    type: z.string().min(1).max(100),
    id: text,
    name: text,
    channelId: z.string().min(1).max(100),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    from: Account,
    recipient: Account,
    conversation: z.looseObject({ id: z.string().min(1), tenantId: text, conversationType: text, name: text, isGroup: z.boolean().nullish() }),
    text,
    replyToId: text,
    locale: text,
    localTimezone: text,
    timestamp: text,
    localTimestamp: text,
    expiration: text,
    deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).nullish(),
    channelData: z.looseObject({ tenant: z.looseObject({ id: text }).nullish() }).nullish(),
    entities: z.array(Entity).optional(),
    attachments: z.array(z.looseObject({})).optional(),
    membersAdded: z.array(Account).optional(),
    membersRemoved: z.array(Account).optional(),
  })
  .superRefine((a, ctx) => {
    for (const [i, e] of (a.entities ?? []).entries()) {
      if (e.type.toLowerCase() === 'mention' && !Mention.safeParse(e).success)
        ctx.addIssue({ code: 'custom', path: ['entities', i], message: 'a mention needs mentioned.id and text' });
    }
    if (a.entities?.some((e) => e.type.toLowerCase() === 'mention') && typeof a.text !== 'string')
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'a message with mentions needs text' });
    if (a.type === 'invoke' && typeof a.name !== 'string') ctx.addIssue({ code: 'custom', path: ['name'], message: 'an invoke needs a name' });
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action' && !CardActionValue.safeParse(a.value).success)
      ctx.addIssue({ code: 'custom', path: ['value', 'action'], message: 'a card action needs value.action.type' });
  });
export type InboundActivity = z.infer<typeof InboundActivity>;

/** The tenant Teams says the activity comes from (conversation first, as SignInBot reads it). */
export function tenantOf(a: InboundActivity): string | undefined {
  return a.conversation.tenantId ?? a.channelData?.tenant?.id ?? undefined;
}

export type ShapeResult = { ok: true; activity: InboundActivity & Record<string, unknown> } | { ok: false; where: string };

/**
 * JSON without prototype keys: botbuilder copies activities with Object.assign and spread,
 * where a "__proto__" key would replace the copy's prototype.
 */
export function parseJson(json: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(json, (key, v: unknown) => (key === '__proto__' ? undefined : v)) };
  } catch {
    return { ok: false };
  }
}

/**
 * The two fields Bot Framework authentication reads (the token's serviceUrl claim is
 * checked against the activity's): all that is looked at before the token is checked.
 */
export function authFields(value: unknown): { serviceUrl?: string; channelId?: string } {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return { serviceUrl: typeof v.serviceUrl === 'string' ? v.serviceUrl : undefined, channelId: typeof v.channelId === 'string' ? v.channelId : undefined };
}

export function checkActivity(value: unknown): ShapeResult {
  const checked = InboundActivity.safeParse(value);
  if (!checked.success) return { ok: false, where: checked.error.issues[0]?.path.join('.') || 'the body' };
  // The parsed JSON itself, not zod's copy: fields this schema does not name pass through untouched.
  return { ok: true, activity: value as InboundActivity & Record<string, unknown> };
}
