/**
 * Colour maths for chart palettes, so that a house style's colours can be checked instead of
 * trusted: WCAG contrast (marks against the page, value labels on the marks), CIELAB and the
 * CIEDE2000 colour difference, dichromat vision simulated with the matrices of Machado, Oliveira
 * & Fernandes (2009, severity 1), and lightness in greyscale (CIE L*). sRGB with a D65 white.
 */

/** A colour as linear-light sRGB, each channel 0 to 1. */
type Linear = [number, number, number];
/** CIELAB: L* 0 to 100, a*, b*. */
export type Lab = [number, number, number];

/** Marks against the page: WCAG 2.x 1.4.11, non-text contrast. */
export const MARK_CONTRAST = 3;
/** Value labels on the marks: WCAG 2.x 1.4.3, text contrast. */
export const LABEL_CONTRAST = 4.5;
/**
 * The least CIEDE2000 difference between two series of one chart, for every kind of vision.
 * 1 is the just noticeable difference side by side; small marks need several times that
 * (Szafir 2018); from about 10 two colours are told apart at a glance, also across the chart
 * from the legend.
 */
export const MIN_DELTA_E = 10;
/**
 * The least difference in grey (0 to 100, in every conversion of `greyscales`) between series
 * next to each other in the palette (a stack's neighbouring segments, bars side by side): a
 * third of the range a mark has between near-black and the 3:1 limit against white (L* 62), a
 * step seen at a glance in a greyscale print or copy.
 */
export const MIN_GREY_STEP = 15;

export const WHITE = '#ffffff';
export const BLACK = '#000000';

/** `#rgb` or `#rrggbb` as gamma-encoded channels 0 to 1; null for anything else. */
export function parseHex(colour: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
}

function hex(colour: string): [number, number, number] {
  const rgb = parseHex(colour);
  if (!rgb) throw new Error(`geen kleur als #rrggbb: "${colour}"`);
  return rgb;
}

const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function toLinear(colour: string): Linear {
  const [r, g, b] = hex(colour);
  return [linear(r), linear(g), linear(b)];
}

/** WCAG relative luminance (0 black, 1 white). */
export function luminance(colour: string): number {
  const [r, g, b] = toLinear(colour);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The colour of a value label on a mark of `fill`: white or the chart's dark text, whichever
 * contrasts more, if that reaches 4,5:1; else black, which always does then (a colour has at
 * least 4,58:1 against white or against black).
 */
export function labelColour(fill: string, dark: string): string {
  if (!parseHex(fill) || !parseHex(dark)) return dark;
  const best = contrast(WHITE, fill) >= contrast(dark, fill) ? WHITE : dark;
  return contrast(best, fill) >= LABEL_CONTRAST ? best : BLACK;
}

const f = (t: number): number =>
  t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t) / 116 + 16 / 116;

function labOfLinear([r, g, b]: Linear): Lab {
  // sRGB -> XYZ (D65), relative to the white point.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

export function lab(colour: string): Lab {
  return labOfLinear(toLinear(colour));
}

/** Lightness in greyscale: CIE L* of the colour's luminance, 0 black to 100 white. */
export function greyLightness(colour: string): number {
  return lab(colour)[0];
}

/** The ways a page is commonly turned grey. */
export type Greyscale = 'L*' | 'Rec. 709' | 'Rec. 601';
export const GREYSCALES: readonly Greyscale[] = ['L*', 'Rec. 709', 'Rec. 601'];

/**
 * The colour's grey, 0 black to 100 white, in each common conversion: perceived lightness (CIE
 * L*), and the luma of the gamma-encoded channels that much software and many printers compute,
 * with Rec. 709 weights (ImageMagick's `-colorspace Gray`) or Rec. 601 weights (office software,
 * JPEG, PIL). They disagree most on red: a deep red is L* 33 but Rec. 709 luma 16.
 */
export function greyscales(colour: string): Record<Greyscale, number> {
  const [r, g, b] = hex(colour);
  return {
    'L*': greyLightness(colour),
    'Rec. 709': 100 * (0.2126 * r + 0.7152 * g + 0.0722 * b),
    'Rec. 601': 100 * (0.299 * r + 0.587 * g + 0.114 * b),
  };
}

export type Vision = 'normaal' | 'protanopie' | 'deuteranopie' | 'tritanopie';
export const VISIONS: readonly Vision[] = ['normaal', 'protanopie', 'deuteranopie', 'tritanopie'];

/** Machado et al. (2009), severity 1.0, on linear RGB. */
const MACHADO: Record<Exclude<Vision, 'normaal'>, readonly number[]> = {
  protanopie: [
    0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998,
  ],
  deuteranopie: [
    0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881,
  ],
  tritanopie: [
    1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039,
  ],
};

/** The colour as seen with a colour-vision deficiency, in CIELAB. */
export function seen(colour: string, vision: Vision): Lab {
  const rgb = toLinear(colour);
  if (vision === 'normaal') return labOfLinear(rgb);
  const m = MACHADO[vision];
  const row = (i: number) =>
    Math.min(
      1,
      Math.max(0, (m[i] ?? 0) * rgb[0] + (m[i + 1] ?? 0) * rgb[1] + (m[i + 2] ?? 0) * rgb[2]),
    );
  return labOfLinear([row(0), row(3), row(6)]);
}

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1. */
export function deltaE2000([l1, a1, b1]: Lab, [l2, a2, b2]: Lab): number {
  const c7 = (c: number) => Math.sqrt(c ** 7 / (c ** 7 + 25 ** 7));
  const g = 0.5 * (1 - c7((Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2));
  const [ap1, ap2] = [(1 + g) * a1, (1 + g) * a2];
  const [cp1, cp2] = [Math.hypot(ap1, b1), Math.hypot(ap2, b2)];
  const hue = (b: number, a: number) =>
    a === 0 && b === 0 ? 0 : ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
  const [hp1, hp2] = [hue(b1, ap1), hue(b2, ap2)];
  const chromatic = cp1 * cp2 !== 0;
  let dh = chromatic ? hp2 - hp1 : 0;
  if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dH = 2 * Math.sqrt(cp1 * cp2) * Math.sin(rad(dh / 2));
  const lm = (l1 + l2) / 2;
  const cm = (cp1 + cp2) / 2;
  let hm = hp1 + hp2;
  if (chromatic) hm = Math.abs(hp1 - hp2) > 180 ? (hm + (hm < 360 ? 360 : -360)) / 2 : hm / 2;
  const t =
    1 -
    0.17 * Math.cos(rad(hm - 30)) +
    0.24 * Math.cos(rad(2 * hm)) +
    0.32 * Math.cos(rad(3 * hm + 6)) -
    0.2 * Math.cos(rad(4 * hm - 63));
  const sl = 1 + (0.015 * (lm - 50) ** 2) / Math.sqrt(20 + (lm - 50) ** 2);
  const sc = 1 + 0.045 * cm;
  const sh = 1 + 0.015 * cm * t;
  const rt = -Math.sin(rad(60 * Math.exp(-(((hm - 275) / 25) ** 2)))) * 2 * c7(cm);
  const [dl, dc, dhh] = [(l2 - l1) / sl, (cp2 - cp1) / sc, dH / sh];
  return Math.sqrt(dl ** 2 + dc ** 2 + dhh ** 2 + rt * dc * dhh);
}
