/**
 * How much work one edition may ask for. A year's report has tables of at most a few dozen rows
 * and charts of at most a few dozen points (Midden-Drenthe 2024: 19 rows, 8 columns, 25 points).
 * The limits are far above that, and low enough that the largest table and chart that pass
 * render in a few seconds on a 2-core machine. Exceeding one is an error at the table in the
 * YAML (docs/gegevens.md). The limits on the files themselves (size, nesting, aliases) are in
 * src/files.ts and src/data/yaml-source.ts.
 */

/** Rows per table, parts (`onderdelen`) counted: a table of this length fills some 25 pages. */
export const MAX_TABLE_ROWS = 1_000;

/** Columns per table: far wider than a page can print. */
export const MAX_TABLE_COLUMNS = 100;

/**
 * Points per chart: categories × series (the leaf rows times the columns, after `reeksen`).
 * At this size a chart renders in about half a second on a 2-core machine, and the time grows
 * linearly with the points (tests/unit/limits.test.ts); it is far more than a chart the width of
 * a text column can show.
 */
export const MAX_CHART_POINTS = 5_000;

/** Characters in the formula of a derived value (`soort: afgeleid`); a real one has a few dozen. */
export const MAX_FORMULA_LENGTH = 1_000;

/** Brackets inside brackets in one formula: `(som (totaal …) …)` is 2. */
export const MAX_FORMULA_NESTING = 20;

/** Derived values that build on each other in one chain (a uses b uses c …). */
export const MAX_DERIVED_CHAIN = 50;
