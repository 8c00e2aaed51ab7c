/**
 * Judges a rendered card (what scripts/lib/card-browser.ts measured in Chromium): text that
 * overflows its box or the card, buttons cut off, `${…}` left unfilled, and text whose contrast
 * with what is behind it is under WCAG 2.2 AA (1.4.3: 4.5:1, or 3:1 for large text).
 */
export type Rgba = [r: number, g: number, b: number, a: number];
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
export interface Measured {
  text: string;
  tag: string;
  display: string;
  color: Rgba;
  /** From the element up to the first opaque background. */
  backgrounds: Rgba[];
  fontSize: number;
  fontWeight: number;
  box: Box;
  scrollWidth: number;
  clientWidth: number;
  /** Texts: scrollWidth with words left whole, as they would be if the renderer did not break them to fit. */
  unbrokenWidth?: number;
  /** Boxes of the ancestors (up to the card) that cut off what overflows them. */
  clips: Box[];
}
export interface Measurement {
  card: Box;
  /** The card's width inside its padding: the most any text can have. */
  contentWidth: number;
  texts: Measured[];
  buttons: Measured[];
  innerText: string;
}

/** Sub-pixel layout rounding, not overflow. */
const SLACK = 1;

/** Composites a colour over another (source-over). */
function over(top: Rgba, under: Rgba): Rgba {
  const a = top[3] + under[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
  return [mix(0), mix(1), mix(2), a];
}

/** What is behind the text: its backgrounds, nearest first, laid over one another. */
export function effectiveBackground(backgrounds: Rgba[]): Rgba {
  return backgrounds.reduceRight<Rgba>((under, top) => over(top, under), [255, 255, 255, 1]);
}

/** WCAG 2.2 relative luminance. */
function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of a (possibly translucent) text colour on a background. */
export function contrastRatio(color: Rgba, background: Rgba): number {
  const bg = over(background, [255, 255, 255, 1]);
  const fg = over(color, bg);
  const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG's "large scale": at least 18 pt (24 px), or 14 pt (18.66 px) bold. */
export const isLargeText = (m: Pick<Measured, 'fontSize' | 'fontWeight'>) => m.fontSize >= 24 || (m.fontSize >= 18.66 && m.fontWeight >= 700);

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
const outside = (inner: Box, outer: Box) =>
  inner.left < outer.left - SLACK || inner.right > outer.right + SLACK || inner.top < outer.top - SLACK || inner.bottom > outer.bottom + SLACK;

/** Every problem a person would see, each naming the element by its text; none is a pass. */
export function cardProblems(m: Measurement, cardJson: unknown): string[] {
  const problems: string[] = [];
  for (const t of m.texts) {
    if (t.display !== 'inline' && t.scrollWidth > t.clientWidth + SLACK)
      problems.push(`text overflows its box (${t.scrollWidth} px in ${t.clientWidth} px): ${quote(t.text)}`);
    // A word wider than the whole card (a guest's 50-character UPN at 320 px) must break wherever it is; one that would fit
    // the card but not its column is a layout that crushes text ("Salesf|orce").
    else if (t.display !== 'inline' && (t.unbrokenWidth ?? 0) > t.clientWidth + SLACK && (t.unbrokenWidth ?? 0) <= m.contentWidth)
      problems.push(`a word is too wide for its box and is broken (${t.unbrokenWidth} px in ${t.clientWidth} px): ${quote(t.text)}`);
    if (t.box.left < m.card.left - SLACK || t.box.right > m.card.right + SLACK) problems.push(`text extends past the card: ${quote(t.text)}`);
    else if (t.clips.some((c) => t.box.right > c.right + SLACK || t.box.left < c.left - SLACK))
      problems.push(`text is cut off by its container: ${quote(t.text)}`);
  }
  for (const b of m.buttons) {
    if (outside(b.box, m.card)) problems.push(`button is clipped by the card: ${quote(b.text)}`);
    else if (b.clips.some((c) => outside(b.box, c))) problems.push(`button is clipped by its container: ${quote(b.text)}`);
    if (b.scrollWidth > b.clientWidth + SLACK) problems.push(`button's label is cut off (${b.scrollWidth} px in ${b.clientWidth} px): ${quote(b.text)}`);
  }
  if (m.innerText.includes('${'))
    problems.push(`an unfilled \${…} in the text: ${quote(m.innerText.slice(m.innerText.indexOf('${'), m.innerText.indexOf('${') + 40))}`);
  else if (JSON.stringify(cardJson).includes('${')) problems.push('an unfilled ${…} in the card JSON');
  for (const t of [...m.texts, ...m.buttons]) {
    const ratio = contrastRatio(t.color, effectiveBackground(t.backgrounds));
    const needed = isLargeText(t) ? 3 : 4.5;
    if (ratio < needed) problems.push(`contrast ${ratio.toFixed(2)}:1 (needs ${needed}:1) for ${quote(t.text)}`);
  }
  return problems;
}
