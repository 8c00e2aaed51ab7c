import type { Piece } from './pieces.ts';

/**
 * Pieces found by the recognizers → the one phrase the message's time is in. Overlapping
 * pieces keep the one that starts first (then the longest: "the day before yesterday" over
 * "yesterday"). Pieces with only small words between them ("at 4:15pm eastern on monday")
 * form a cluster; the first cluster that holds a time, not just a zone, is the phrase.
 */

/** What may stand between two pieces of one phrase (English's small words, and German's, French's, Spanish's and Japanese's: "gestern um 9 Uhr", "hier à 9h", "ayer a las 9", "昨日の9時"). */
const JOIN = /^(?:\s+|[,()\-–、]|(?:on|at|in|of|the|and|to|through|thru|during|um|am|gegen|[àa]|vers|le|el|las?|de|por|en|sobre)(?![\p{L}\p{N}])|の|に)*$/iu;

function pick(candidates: readonly Piece[]): Piece[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Piece[] = [];
  for (const p of sorted) if (!kept.length || p.start >= kept[kept.length - 1]!.end) kept.push(p);
  return kept;
}

function group(text: string, pieces: readonly Piece[]): Piece[][] {
  const clusters: Piece[][] = [];
  for (const p of pieces) {
    const last = clusters[clusters.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && JOIN.test(text.slice(prev.end, p.start))) last.push(p);
    else clusters.push([p]);
  }
  return clusters;
}

/** Whether a piece has the neighbour it needs to count as time. */
function satisfied(p: Piece, i: number, cluster: readonly Piece[]): boolean {
  const prev = cluster[i - 1];
  const next = cluster[i + 1];
  switch (p.needs) {
    case 'prev-day':
      return prev?.kind === 'day';
    case 'prev-clock':
      return prev?.kind === 'clock' || prev?.kind === 'clock-range';
    case 'next-time':
      return (
        next !== undefined &&
        (next.kind === 'part' || next.kind === 'clock' || next.kind === 'clock-range' || (next.kind === 'day' && next.day.type === 'date'))
      );
    default:
      return true;
  }
}

export interface Phrase {
  pieces: Piece[];
  start: number;
  end: number;
}

export function findPhrase(text: string, candidates: readonly Piece[]): Phrase | undefined {
  let pool = [...candidates];
  // A piece without the neighbour it needs is dropped; that can part a cluster or free a piece it
  // overlapped, so look again until nothing is dropped.
  for (let round = 0; round < 8; round++) {
    const clusters = group(text, pick(pool));
    const dropped = clusters.flatMap((c) => c.filter((p, i) => !satisfied(p, i, c)));
    if (dropped.length) {
      pool = pool.filter((p) => !dropped.includes(p));
      continue;
    }
    const cluster = clusters.find((c) => c.some((p) => p.kind !== 'zone'));
    return cluster && { pieces: cluster, start: cluster[0]!.start, end: cluster[cluster.length - 1]!.end };
  }
  return undefined;
}
