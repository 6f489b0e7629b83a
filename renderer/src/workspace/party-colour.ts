import type { CSSProperties } from 'react';

/**
 * A party's colour as an inline style for its swatch. The colour comes from a signed roster entry
 * (or an older manifest) that anyone at the table may have written, so anything that is not a CSS
 * colour is ignored rather than passed on. Set through React's style prop, i.e. through the CSSOM,
 * which the CSP allows (it forbids style attributes).
 */
export function swatchStyle(colour: string | null | undefined): CSSProperties | undefined {
  if (!colour) return undefined;
  const valid = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('color', colour);
  return valid ? { backgroundColor: colour } : undefined;
}
