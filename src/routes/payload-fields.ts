import { z } from 'zod';

/**
 * The fields button payloads are made of (Action.Execute data). A pressed button's data is
 * checked with its route's schema: a forged or stale payload is refused, never trusted.
 */
export const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');
export const id = z.string().min(1).max(200);
