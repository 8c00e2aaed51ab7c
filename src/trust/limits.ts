/**
 * Limits on what one person can make the bot do: message length and questions per minute.
 * A helpdesk agent never meets them; a script or a stuck client does.
 */
export const MAX_MESSAGE_CHARS = 2000;

/** Questions per asker in a sliding minute. */
export class RateLimiter {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the question may go ahead; otherwise the seconds to wait. */
  take(asker: string): number {
    const t = this.now();
    const recent = (this.seen.get(asker) ?? []).filter((x) => x > t - 60_000);
    if (recent.length >= this.perMinute) {
      this.seen.set(asker, recent);
      return Math.max(1, Math.ceil((recent[0]! + 60_000 - t) / 1000));
    }
    recent.push(t);
    this.seen.set(asker, recent);
    // Forget idle askers so the map does not grow with every person who ever asked.
    if (this.seen.size > 10_000) for (const [k, v] of this.seen) if (!v.some((x) => x > t - 60_000)) this.seen.delete(k);
    return 0;
  }
}
