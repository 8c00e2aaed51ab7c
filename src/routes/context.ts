import type { Command } from '../conversation/command.ts';
import type { Card } from '../cards/render.ts';
import type { User } from '../signins/directory.ts';
import type { SignInSource } from '../signins/source.ts';
import type { NotificationService } from '../notify/service.ts';
import type { ConversationRef } from '../notify/store.ts';
import type { Access } from '../trust/access.ts';
import type { AuditTrail } from '../trust/audit.ts';
import type { RateLimiter } from '../trust/limits.ts';
import type { TicketDesk } from '../tickets/desk.ts';
import type { RemedyContext } from '../remediate/context.ts';
import type { Locale } from '../i18n/locales.ts';
import type { FeedbackStore } from './feedback-store.ts';
import type { ConversationMemory } from './memory.ts';
import type { ReportLinker } from './report-link.ts';

/**
 * One turn, without Teams: a message (or a pressed button) → the answer card and a line of
 * text. The bot, the CLI's `ask` and the tests all go through here.
 */
export interface AnswerContext {
  source: SignInSource;
  /** The clock, ISO. */
  now: string;
  timeZone: string;
  /**
   * The language of the answer: the asker's (Teams' `activity.locale`, resolved by i18n's
   * resolveLocale), the CLI's `--locale`; English when absent.
   */
  locale?: Locale;
  /** The language the asker's Teams is set to when it is not one of ours ("Italian"): the reply says once that it answers in English. */
  unsupportedLanguage?: string;
  /** App display names the tenant knows, for the parser. */
  appNames: readonly string[];
  feedback?: FeedbackStore;
  /** Who is asking (for feedback and the audit trail): a name, and the directory object id. */
  asker?: string;
  askerId?: string;
  /** The asker's tenant (Teams'), signed into a report link so its page checks the same asker. */
  tenantId?: string;
  /** What the asker may do; absent means everything (the CLI, run by whoever holds the data). */
  access?: Access;
  audit?: AuditTrail;
  /** Directory users for "did you mean" suggestions, when the source can list them. */
  allUsers?: readonly User[];
  /** Lockout notifications, where the bot runs them, and the conversation the message came from. */
  notify?: NotificationService;
  conversation?: ConversationRef;
  /** The last answered command per conversation and asker, for follow-ups ("and yesterday?"); none without a conversation. */
  memory?: ConversationMemory;
  /** Questions per minute, counted under `key` (the bot's; the CLI asks one question and has none). */
  rate?: { limiter: RateLimiter; key: string };
  /** Tickets in the helpdesk's system, where a target is configured; absent: no card offers one. */
  tickets?: TicketDesk;
  /** For a pressed button: the id of the message the card was on (Teams' replyToId), for a ticket's link back to it. */
  pressedMessageId?: string;
  /** Remediation from the card with the presser's own rights (issue 22): the bot's; absent in the CLI. */
  remedy?: RemedyContext;
  /** Links to the full report from the weekly summary card (the bot's); absent: the card shows the CLI command. */
  reportLink?: ReportLinker;
  /** Called once the turn is let in (past the rate limit): the bot shows it is typing from here. */
  onAccepted?: () => Promise<void>;
}

export interface Reply {
  /** What the message was read as (absent for button presses). */
  command?: Command;
  /** One line: the answer in words (also the card's fallback text). */
  text: string;
  card?: Card;
  /**
   * A remediation press (`act`): besides the card the presser sees, one for everyone in the
   * conversation, posted (an approval request) or replacing the card pressed (its answer).
   */
  everyone?: { text: string; card: Card; how: 'post' | 'update' };
}

/** A reply before the command it answers is put beside it. */
export type Answer = Omit<Reply, 'command'>;
