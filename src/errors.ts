/**
 * The one vocabulary of errors a person may be told about. Adapters and stores throw a
 * `DiagError` of one of these kinds, carrying the sentence the asker reads; the answer layer
 * turns any DiagError into a card with the kind's title, and anything else is a bug (logged
 * with a reference, never shown). Codes are stable: they appear in logs and support tickets,
 * so a kind may be added but a code is never reused (test/errors.test.ts checks they are unique).
 * Modelled on Agents-for-js `errorHelper.ts`.
 */
export const ERROR_KINDS = {
  /** A source could not be reached or answered with an error of its own (network, 5xx, timeout, a shape we did not expect). */
  sourceUnavailable: { code: 'SD1001', title: 'I could not read the sign-in logs' },
  /** The source asked us to wait longer than a person should (Graph's 429 and Retry-After, Log Analytics throttling). */
  throttled: { code: 'SD1002', title: 'The sign-in logs are busy' },
  /** The bot's identity lacks a permission or its credentials are refused (401/403). */
  permissionMissing: { code: 'SD1003', title: 'The bot is not allowed to read that' },
  /** The tenant lacks the licence an API needs (Entra ID P1/P2 for sign-in reports). */
  licenceMissing: { code: 'SD1004', title: 'This tenant’s licence does not include that' },
  /** What was asked cannot name anything (an unsafe path, a query the source rejected). */
  badInput: { code: 'SD1005', title: 'I could not look that up' },
  /** Something else kept writing the same state at the same moment; nothing was saved. */
  storageConflict: { code: 'SD1006', title: 'I could not save that' },
  /** The bot's own storage (files, a blob container) refused the write. */
  storageFailed: { code: 'SD1007', title: 'I could not save that' },
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

export class DiagError extends Error {
  /** Stable code for logs and tickets, e.g. SD1003 (`code` is left to subclasses: Graph's own error code, an errno). */
  readonly diagCode: string;
  readonly title: string;
  /** The explanation as a catalogue message (src/i18n), when there is one: the card says it in the asker's language. */
  readonly words?: { key: string; values: Record<string, string> };
  constructor(
    readonly kind: ErrorKind,
    /** What it means for the person asking, and what to do: shown as it is. */
    readonly explanation: string,
    /** For the log: what happened technically (never shown to the asker). */
    detail?: string,
    options?: { cause?: unknown; words?: { key: string; values: Record<string, string> } },
  ) {
    super(detail ?? explanation, options);
    this.name = 'DiagError';
    this.words = options?.words;
    this.diagCode = ERROR_KINDS[kind].code;
    this.title = ERROR_KINDS[kind].title;
  }
}

export const isDiagError = (e: unknown): e is DiagError => e instanceof DiagError;

/** errno codes of a write the bot's own storage refused (a full disk, a read-only mount, no permission). */
const STORAGE_ERRNOS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EISDIR', 'EEXIST', 'EDQUOT']);

/**
 * The error as a person may be told it, or undefined when it is not one (a bug: the caller
 * logs it with a reference). A storage errno becomes `storageFailed`: the log has the path.
 */
export function asDiagError(e: unknown): DiagError | undefined {
  if (isDiagError(e)) return e;
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof errno === 'string' && STORAGE_ERRNOS.has(errno)) {
    return new DiagError(
      'storageFailed',
      `The bot could not write to its storage (${errno}), so this was not saved. Please tell the bot's administrator.`,
      (e as Error).message,
      { cause: e, words: { key: 'error.storageErrno', values: { errno } } },
    );
  }
  return undefined;
}
