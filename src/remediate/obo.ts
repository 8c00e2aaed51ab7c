/**
 * The on-behalf-of exchange: the presser's Teams single sign-on token (from the bot's OAuth
 * connection, src/bot) for a Microsoft Graph token of theirs, through @azure/identity's
 * OnBehalfOfCredential (MSAL: POST {authority}/{tenant}/oauth2/v2.0/token with grant_type
 * urn:ietf:params:oauth:grant-type:jwt-bearer). Whatever Graph then allows is what Entra
 * allows that person: the bot's own application permissions stay read-only.
 */
export interface OboSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com by default (tests point it at nock's host, national clouds at theirs). */
  authorityHost?: string;
}

export type TokenExchange = (assertion: string) => Promise<string>;

export function oboExchange(s: OboSettings): TokenExchange {
  return async (assertion) => {
    // Loaded on the first press, not at start: the Azure SDKs cost as much start-up time as the whole bot.
    const { OnBehalfOfCredential } = await import('@azure/identity');
    const credential = new OnBehalfOfCredential({
      tenantId: s.tenantId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      userAssertionToken: assertion,
      ...(s.authorityHost ? { authorityHost: s.authorityHost } : {}),
    });
    const t = await credential.getToken('https://graph.microsoft.com/.default');
    if (!t?.token) throw new Error('the on-behalf-of exchange returned no token');
    return t.token;
  };
}
