/** How a chart looks: the page's typeface (measured for layout), colours and size. */
export interface ChartTheme {
  /** The family the page declares with @font-face, e.g. 'Source Sans 3'. */
  fontFamily: string;
  /** Font files of that family, to measure label widths with the real advance widths. */
  fontFiles: { regular: string; semibold: string };
  /** Base label size in px. */
  fontSize: number;
  textColor: string;
  gridColor: string;
  /** Categorical colours: distinguishable for colour-blind readers and in print. */
  palette: string[];
  /** Width of the text column the SVG is laid out for, in px. */
  width: number;
  /** Height of the plot area, in px. */
  height: number;
}

/**
 * The palette when a house style gives none of its own (the tests' charts): the municipal one,
 * which passes every check of tests/unit/palette.test.ts (contrast, colour-vision deficiencies,
 * greyscale). Okabe & Ito's palette, used before, has colours of 2,3:1 against white.
 */
export const DEFAULT_PALETTE = [
  '#105878',
  '#5c8448',
  '#04184c',
  '#6098c8',
  '#502038',
  '#b0400c',
  '#909098',
];
