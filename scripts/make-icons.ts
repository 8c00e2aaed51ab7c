import { writeFileSync } from 'node:fs';
import { encodePng } from './lib/png.ts';

/**
 * Draws the app icons: a magnifying glass over a key-shaped keyhole, "looking into a
 * sign-in". color.png is 192×192 on the accent colour; outline.png is 32×32, white on
 * transparent, as Teams requires. Run once; the PNGs are committed.
 */
const ACCENT = [0x0f, 0x6c, 0xbd];

function draw(size: number, background: number[] | null): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const s = size / 192;
  const ring = { x: 84 * s, y: 84 * s, r: 46 * s, w: 14 * s };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const cx = x + 0.5;
      const cy = y + 0.5;
      const d = Math.hypot(cx - ring.x, cy - ring.y);
      const inRing = Math.abs(d - ring.r) <= ring.w / 2;
      // The handle: a thick segment from the ring towards the bottom right.
      const t = (cx - ring.x + (cy - ring.y)) / 2;
      const off = Math.abs(cx - ring.x - (cy - ring.y)) / Math.SQRT2;
      const inHandle = t * Math.SQRT2 > ring.r + ring.w / 2 - 2 * s && t * Math.SQRT2 < ring.r + 66 * s && off <= 11 * s;
      // The keyhole inside the lens: a circle and a stem.
      const inHole =
        Math.hypot(cx - ring.x, cy - (ring.y - 8 * s)) <= 11 * s || (Math.abs(cx - ring.x) <= 5 * s && cy >= ring.y - 8 * s && cy <= ring.y + 22 * s);
      const fg = inRing || inHandle || inHole;
      if (fg) px.set([255, 255, 255, 255], i);
      else if (background) {
        // Rounded corners on the colour icon.
        const r = 36 * s;
        const qx = Math.max(r - cx, cx - (size - r), 0);
        const qy = Math.max(r - cy, cy - (size - r), 0);
        px.set(Math.hypot(qx, qy) <= r ? [...background, 255] : [0, 0, 0, 0], i);
      } else px.set([0, 0, 0, 0], i);
    }
  }
  return px;
}

writeFileSync('appPackage/color.png', encodePng(192, 192, draw(192, ACCENT)));
writeFileSync('appPackage/outline.png', encodePng(32, 32, draw(32, null)));
console.log('wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)');
