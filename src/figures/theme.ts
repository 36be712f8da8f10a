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

/** Okabe & Ito's palette: safe for the common colour-vision deficiencies, and it prints well. */
export const DEFAULT_PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#4D4D4D',
];
