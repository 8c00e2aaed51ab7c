import { ActivityHandler, ActivityTypes, TurnContext } from 'botbuilder';
import { diagnoseRequest } from '../query/diagnose-attempts.ts';
import { diagnosisReply } from '../cards/diagnosis-reply.ts';
import type { SignInSource } from '../signins/source.ts';

/**
 * The interim conversation: name a person (UPN, mail or name) and the bot diagnoses their
 * latest failed sign-in of the last 48 hours, in text. The natural-language parser and the
 * Adaptive Cards replace this (issue 4).
 */
const STOP = new Set(['why', 'did', 'does', 'fail', 'failed', 'failing', 'sign', 'signin', 'sign-in', 'signed', 'show', 'the', 'for', 'and', 'can', 'not', "can't", 'cannot', 'log', 'login', 'what', 'with', 'about', 'user', 'attempts', 'today', 'yesterday', 'happened', 'to', 'in', 'is', 'of', 'me', 'please']);

export class SignInBot extends ActivityHandler {
  constructor(
    private readonly source: SignInSource,
    private readonly clock: () => string,
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    TurnContext.removeRecipientMention(context.activity);
    const text = (context.activity.text ?? '').replace(/<[^>]+>/g, ' ').trim();
    await context.sendActivity({ type: ActivityTypes.Typing });
    const candidates = [...(text.match(/[\w.'+-]+@[\w.-]+/g) ?? []), ...text.split(/[\s,?!.]+/).filter((w) => w.length >= 3 && !STOP.has(w.toLowerCase()))];
    for (const c of candidates) {
      const exact = await this.source.getUser(c);
      const found = exact ? [exact] : await this.source.findUsers(c, 10);
      if (found.length > 1) {
        await context.sendActivity(`"${c}" matches ${found.length} people: ${found.map((u) => `${u.displayName} (${u.userPrincipalName})`).join(', ')}. Which one? Reply with the UPN.`);
        return;
      }
      if (found.length === 1) {
        const listing = await diagnoseRequest(this.source, { user: found[0]!.id, now: this.clock() });
        await context.sendActivity(diagnosisReply({ ...listing, user: found[0] }, context.activity.localTimezone ?? 'UTC'));
        return;
      }
    }
    await context.sendActivity(
      text
        ? `I could not find a person in "${text}". Name someone by UPN, email or name, for example: why did bob.kelly@contoso.com fail to sign in`
        : 'Name a person by UPN, email or name, for example: why did bob.kelly@contoso.com fail to sign in',
    );
  }
}
