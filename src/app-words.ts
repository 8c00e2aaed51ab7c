/**
 * An app as asked: the main name (`app`), every app or resource name the asker's words cover
 * (`apps`: "outlook" → Office 365 Exchange Online, Outlook Mobile, Microsoft Office), and the
 * words as typed. The parser, the routes, the cards and the CLI all say it the same way; it
 * imports nothing (no zod: the parser and `signin-diag parse` load it).
 */
export interface AppAsked {
  app?: string;
  apps?: string[];
  appText?: string;
}

/** The names sign-ins are looked up by (any of them, as the app or the resource); undefined: any app. */
export function appNamesOf(a: AppAsked): string[] | undefined {
  return a.apps?.length ? a.apps : a.app ? [a.app] : undefined;
}

/**
 * The app as asked and what it covered: "outlook (Office 365 Exchange Online, Outlook Mobile,
 * Microsoft Office)", "salesfroce (Salesforce)", or the name alone when that is what was typed.
 */
export function appWords(a: AppAsked): string | undefined {
  const names = appNamesOf(a);
  if (!names) return undefined;
  const typed = a.appText?.trim();
  if (!typed) return names.join(', ');
  if (names.length === 1 && names[0]!.toLowerCase() === typed.toLowerCase()) return names[0];
  return `${typed} (${names.join(', ')})`;
}
