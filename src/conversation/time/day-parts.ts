import { matches, BOUND_PREFIX, spanBoundOf, type PartName, type Piece } from './pieces.ts';

/**
 * Parts of a day, in wall-clock minutes from its midnight (past 24:00 runs into the next day):
 * morning 06-12 (early 06-09, late 09-12), afternoon 12-18, evening 18-22, night 20:00 to
 * 06:00 the next morning, "tonight" 18:00 on. A person who says "this morning" of a sign-in
 * means office hours, not 03:00.
 */
export const PART_MINUTES: Record<PartName, Record<'all' | 'early' | 'late', [number, number]>> = {
  morning: { all: [6 * 60, 12 * 60], early: [6 * 60, 9 * 60], late: [9 * 60, 12 * 60] },
  afternoon: { all: [12 * 60, 18 * 60], early: [12 * 60, 15 * 60], late: [15 * 60, 18 * 60] },
  evening: { all: [18 * 60, 22 * 60], early: [18 * 60, 20 * 60], late: [20 * 60, 22 * 60] },
  night: { all: [20 * 60, 30 * 60], early: [20 * 60, 24 * 60], late: [24 * 60, 30 * 60] },
  tonight: { all: [18 * 60, 30 * 60], early: [18 * 60, 22 * 60], late: [22 * 60, 30 * 60] },
};

/** Words after "morning" that make it the name of something ("the morning shift account"), not a time. */
const LABEL = String.raw`(?!\s+(?:shift|shifts|team|crew|staff|batch|job|jobs|run|account|accounts|user|users|group|rota|person|people|standup|stand-up|meeting|report|desk|queue|list))`;

export function findParts(text: string): Piece[] {
  const found: Piece[] = [];
  const variantOf = (...w: (string | undefined)[]) => {
    const v = w.find(Boolean)?.toLowerCase();
    return v === 'early' || v === 'late' ? v : undefined;
  };

  // "this morning", "early in the morning", "in the afternoon", "(wednesday) afternoon", "at night".
  const re = new RegExp(
    String.raw`\b${BOUND_PREFIX}(?:(early|late)\s+)?(?:(this|in\s+the|during\s+the|at)\s+)?(?:(early|late)\s+)?(morning|afternoon|evening|night)\b${LABEL}`,
    'gi',
  );
  for (const m of matches(text, re)) {
    const cue = m[3]?.toLowerCase().replace(/\s+/g, ' ');
    const part = m[5]!.toLowerCase() as PartName;
    if (cue === 'at' && part !== 'night') continue; // "at morning" is not English; "at night" is
    const variant = variantOf(m[2], m[4]);
    const bound = spanBoundOf(m[1]);
    // Without "this", "in the", "early" or "late" the word needs a day before it ("Wednesday afternoon").
    const cued = Boolean(cue || variant);
    found.push({
      kind: 'part',
      part,
      start: m.index,
      end: m.index + m[0].length,
      ...(variant ? { variant } : {}),
      ...(bound ? { bound } : {}),
      ...(cued ? {} : { needs: 'prev-day' as const }),
    });
  }

  // "this am", "this p.m.": American shorthand for this morning / this afternoon.
  for (const m of matches(text, new RegExp(String.raw`\b${BOUND_PREFIX}this\s+(a|p)\.?m\b\.?`, 'gi'))) {
    const bound = spanBoundOf(m[1]);
    found.push({ kind: 'part', part: /^a/i.test(m[2]!) ? 'morning' : 'afternoon', start: m.index, end: m.index + m[0].length, ...(bound ? { bound } : {}) });
  }

  // "last night", "overnight": yesterday's night. "tonight": this evening on.
  for (const m of matches(text, new RegExp(String.raw`\b${BOUND_PREFIX}(?:(early|late)\s+)?(last\s+night|overnight|tonight)\b${LABEL}`, 'gi'))) {
    const variant = variantOf(m[2]);
    const bound = spanBoundOf(m[1]);
    const tonight = m[3]!.toLowerCase() === 'tonight';
    found.push({
      kind: 'part',
      part: tonight ? 'tonight' : 'night',
      start: m.index,
      end: m.index + m[0].length,
      ...(tonight ? {} : { day: { type: 'back', days: 1 } as const }),
      ...(variant ? { variant } : {}),
      ...(bound ? { bound } : {}),
    });
  }
  return found;
}
