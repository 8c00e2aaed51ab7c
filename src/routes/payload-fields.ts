import { z } from 'zod';

/**
 * The fields button payloads are made of (Action.Execute data). A pressed button's data is
 * checked with its route's schema: a forged or stale payload is refused, never trusted.
 */
export const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');
export const id = z.string().min(1).max(200);
/** The app or resource names an app was asked by ("outlook" → several), and the words as typed. */
export const appNames = z.array(id).min(1).max(20);
export const appText = z.string().min(1).max(100);
