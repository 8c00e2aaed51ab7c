import type { TurnContext } from 'botbuilder';
import type { DelegatedToken, RemedyContext } from '../remediate/context.ts';
import type { TokenExchange } from '../remediate/obo.ts';
import { resolveLocale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';

/** The one method of botframework-connector's UserTokenClient used here (CloudAdapter puts one in turnState per turn). */
interface UserTokens {
  getUserToken(userId: string, connectionName: string, channelId: string, magicCode: string): Promise<{ token?: string } | undefined>;
}

/**
 * The presser's delegated token for remediation (issue 22), here because only src/bot speaks
 * Bot Framework: their Teams single sign-on token, from the invoke itself (Universal Actions
 * carry `value.authentication.token` after a sign-in) or the bot's OAuth connection (Azure Bot
 * Service's token store), exchanged on their behalf for a Graph token. Nothing of the bot's
 * own identity acts on anyone.
 */
export interface RemedyHost {
  /** Everything but the token: the records, the two-person rule, Graph, a dry run's reason. */
  shared: Omit<RemedyContext, 'getDelegatedToken'>;
  /** The OAuth connection's name on the Azure Bot resource; empty: not set up. */
  connectionName: string;
  exchange?: TokenExchange;
}

export function delegatedTokenFor(host: RemedyHost, turn: TurnContext): () => Promise<DelegatedToken> {
  // Why there is no token is said in the presser's Teams language (remediation.token.*).
  const { locale } = resolveLocale(turn.activity.locale);
  return async () => {
    if (!host.connectionName || !host.exchange) return { missing: t(locale, 'remediation.token.notSetUp') };
    const a = turn.activity;
    const carried = (a.value as { authentication?: { token?: unknown } } | undefined)?.authentication?.token;
    let sso = typeof carried === 'string' && carried ? carried : undefined;
    if (!sso) {
      const client = turn.turnState.get<UserTokens | undefined>((turn.adapter as { UserTokenClientKey?: symbol }).UserTokenClientKey ?? Symbol('none'));
      const t = await client?.getUserToken(a.from?.id ?? '', host.connectionName, a.channelId ?? 'msteams', '').catch(() => undefined);
      sso = t?.token || undefined;
    }
    if (!sso) return { missing: t(locale, 'remediation.token.notSignedIn') };
    try {
      return { token: await host.exchange(sso) };
    } catch (e) {
      // MSAL's message names the AADSTS code (65001: consent needed), which is what an admin needs; never the token.
      const reason = String((e as Error).message ?? e)
        .split('\n')[0]!
        .slice(0, 240);
      return { missing: t(locale, 'remediation.token.refused', { reason }) };
    }
  };
}
