import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The weekly summary card's link to the full report: GET /reports/<token>, where the token is
 * the only authentication. It carries what the page shows (the window, its zone and language)
 * and for whom (the asker's directory object id and tenant, checked again on every GET: the
 * link is not a grant, only a request the asker's own access must still allow), and when it
 * stops working, under an HMAC-SHA256 with REPORT_LINK_SECRET. The signature is checked, in
 * constant time, before a byte of the claims is parsed: nothing a stranger writes is read.
 */

/** How long a link works: an hour, and the card says so. */
export const LINK_TTL_MS = 60 * 60_000;
/** Longer than any token we make (a window, a zone, two GUIDs); anything longer is refused unread. */
const MAX_TOKEN_CHARS = 1_024;
const SIGNATURE_BYTES = 32;

export const LinkClaims = z
  .object({
    since: z.string().datetime({ offset: true }),
    until: z.string().datetime({ offset: true }),
    timeZone: z.string().min(1).max(64),
    /** The asker's language (i18n's locale id; the page falls back to English for any other). */
    locale: z.string().min(2).max(16),
    /** The asker's directory object id and tenant (absent in the Playground, whose mock user may have none). */
    askerId: z.string().max(64).optional(),
    tenantId: z.string().max(64).optional(),
    /** Epoch milliseconds. */
    expires: z.number().int(),
  })
  .strict();
export type LinkClaims = z.infer<typeof LinkClaims>;

export type Verified = { ok: true; claims: LinkClaims } | { ok: false; status: 403 | 410; claims?: LinkClaims };

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export class ReportLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    // The settings refuse a short secret; this is the same rule for a caller that builds one in code.
    if (secret.length < 32) throw new Error('REPORT_LINK_SECRET must be at least 32 characters');
    this.key = Buffer.from(secret, 'utf8');
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload, 'utf8').digest();
  }

  /** A token for these claims, working until `nowMs + LINK_TTL_MS`. */
  sign(claims: Omit<LinkClaims, 'expires'>, nowMs: number): { token: string; expires: number } {
    const expires = nowMs + LINK_TTL_MS;
    const payload = b64(JSON.stringify({ ...claims, expires }));
    return { token: `${payload}.${b64(this.mac(payload))}`, expires };
  }

  /** 403: not a token of ours (or altered); 410: ours, but expired. The claims are parsed only once the signature holds. */
  verify(token: string, nowMs: number): Verified {
    if (token.length > MAX_TOKEN_CHARS) return { ok: false, status: 403 };
    const dot = token.indexOf('.');
    if (dot < 1 || dot !== token.lastIndexOf('.')) return { ok: false, status: 403 };
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.mac(payload);
    // timingSafeEqual needs equal lengths; a signature's length is no secret.
    if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, expected)) return { ok: false, status: 403 };
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, status: 403 };
    }
    const parsed = LinkClaims.safeParse(raw);
    if (!parsed.success) return { ok: false, status: 403 };
    const c = parsed.data;
    // A token whose life is longer than a link's was not made by sign(): refused, whatever signed it.
    if (c.expires - nowMs > LINK_TTL_MS) return { ok: false, status: 403 };
    if (c.expires <= nowMs) return { ok: false, status: 410, claims: c };
    return { ok: true, claims: c };
  }
}
