/**
 * Where a reason goes beside its button, as pure geometry (viewport coordinates):
 * - touching one of the button's edges, so the pointer can move straight onto it (WCAG 1.4.13,
 *   hoverable) — the popover's transparent border is the visual gap;
 * - inside the viewport;
 * - over none of the other controls, the focused one included (2.4.11, focus not obscured).
 * Sides are tried in order: below, above, inline end, inline start; along each side, aligned
 * with the button's inline end, its start, then slid just past each obstacle. When no spot is
 * free of everything, the one that hides the least wins.
 */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Spot {
  left: number;
  top: number;
}

/** Some of the popover must lie along the button's edge, so the pointer has a way across. */
const TOUCH = 8;

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

export function place(anchor: Box, size: { width: number; height: number }, viewport: Box, obstacles: readonly Box[], rtl: boolean): Spot {
  const { width: w, height: h } = size;
  const clampX = (x: number) => Math.min(Math.max(x, viewport.left), viewport.right - w);
  const clampY = (y: number) => Math.min(Math.max(y, viewport.top), viewport.bottom - h);
  const endAligned = [anchor.right - w, anchor.left];
  const alongX = [...(rtl ? endAligned.reverse() : endAligned), ...obstacles.flatMap((o) => [o.left - w, o.right])];
  const alongY = [anchor.top, anchor.bottom - h, ...obstacles.flatMap((o) => [o.top - h, o.bottom])];
  const after = rtl ? anchor.left - w : anchor.right;
  const before = rtl ? anchor.right : anchor.left - w;

  const spots: Spot[] = [
    ...[anchor.bottom, anchor.top - h].flatMap((top) =>
      [...alongX, ...alongX.map(clampX)].filter((x) => overlap(x, x + w, anchor.left, anchor.right) >= TOUCH).map((left) => ({ left, top })),
    ),
    ...[after, before].flatMap((left) =>
      [...alongY, ...alongY.map(clampY)].filter((y) => overlap(y, y + h, anchor.top, anchor.bottom) >= TOUCH).map((top) => ({ left, top })),
    ),
  ];

  const cost = ({ left, top }: Spot) => {
    const hidden = obstacles.reduce((sum, o) => sum + overlap(left, left + w, o.left, o.right) * overlap(top, top + h, o.top, o.bottom), 0);
    const outside = w * h - overlap(left, left + w, viewport.left, viewport.right) * overlap(top, top + h, viewport.top, viewport.bottom);
    return outside * 1000 + hidden;
  };
  let best: Spot = { left: clampX(anchor.left), top: anchor.bottom };
  let bestCost = Infinity;
  for (const spot of spots) {
    const c = cost(spot);
    if (c === 0) return spot;
    if (c < bestCost) [best, bestCost] = [spot, c];
  }
  return best;
}
