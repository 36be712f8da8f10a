/**
 * Limits on work: a table or chart beyond the limits is refused at its place in the YAML, and
 * a chart within them renders in time that grows at most linearly with its points.
 */
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import { MAX_CHART_POINTS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../src/data/limits.ts';
import type { Tabel } from '../../src/data/schema.ts';
import { formatDiagnostic, formatDiagnostics, MAX_PRINTED } from '../../src/diagnostics.ts';
import { DataError } from '../../src/errors.ts';
import { renderChart } from '../../src/figures/render-chart.ts';
import { chartSpec } from '../../src/figures/spec.ts';
import { table, theme } from '../support/charts.ts';
import { fixtureCopy } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
/** The key line of the added table's rows, marked so the test can find it in the file. */
const ROWS_KEY = 'rijen: # groot';
const COLUMNS_KEY = 'kolommen: # groot';

/** Dutch grouping of a limit as the message prints it (independent of the code's formatter). */
const nl = (n: number) => n.toLocaleString('nl-NL');

/** A table `groot` in YAML, `rows` rows of `columns` cells, with parts and extra lines if asked. */
function bigTable(rows: number, columns: number, extra: string[] = []): string {
  const labels = Array.from({ length: columns }, (_, c) => `K${c + 1}`);
  const cells = Array.from({ length: columns }, (_, c) => c + 1).join(', ');
  return [
    '',
    'groot:',
    '  soort: tabel',
    '  titel: Groot',
    `  ${COLUMNS_KEY}`,
    `    [${labels.join(', ')}]`,
    `  ${ROWS_KEY}`,
    ...Array.from({ length: rows }, (_, r) => `    - {label: Rij ${r + 1}, waarden: [${cells}]}`),
    ...extra,
    '',
  ].join('\n');
}

const CHART = ['  grafiek:', '    vorm: gestapeld', '    beschrijving: Veel staven.'];

function errorsOf(copy: FixtureCopy): string[] {
  try {
    checkData(resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }));
  } catch (e) {
    if (e instanceof DataError)
      return e.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0] ?? '');
    throw e;
  }
  return [];
}

const keyAt = (copy: FixtureCopy, key: string) =>
  `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, key)}:${copy.columnOf(CIJFERS, key)}`;

describe('limits on tables and charts', () => {
  it('a table over the row limit is refused at its rows, with the limit', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t + bigTable(MAX_TABLE_ROWS + 1, 2),
    });
    expect(errorsOf(copy)).toEqual([
      `${keyAt(copy, ROWS_KEY)} fout [omvang] groot.rijen: verwacht ten hoogste ${nl(MAX_TABLE_ROWS)} rijen per tabel (onderdelen meegeteld), gevonden ${nl(MAX_TABLE_ROWS + 1)}; splits de tabel, of laat de rijen weg die het verslag niet toont`,
    ]);
  });

  it('parts count as rows', () => {
    const parts = Array.from({ length: MAX_TABLE_ROWS }, (_, i) => `{label: D${i}, waarden: [1]}`);
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) =>
        t +
        bigTable(0, 1, [
          `    - {label: Alles, waarden: [${MAX_TABLE_ROWS}], onderdelen: [${parts.join(', ')}]}`,
        ]),
    });
    expect(errorsOf(copy)).toEqual([
      `${keyAt(copy, ROWS_KEY)} fout [omvang] groot.rijen: verwacht ten hoogste ${nl(MAX_TABLE_ROWS)} rijen per tabel (onderdelen meegeteld), gevonden ${nl(MAX_TABLE_ROWS + 1)}; splits de tabel, of laat de rijen weg die het verslag niet toont`,
    ]);
  });

  it('a table over the column limit is refused at its columns', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t + bigTable(2, MAX_TABLE_COLUMNS + 1),
    });
    expect(errorsOf(copy)).toEqual([
      `${keyAt(copy, COLUMNS_KEY)} fout [omvang] groot.kolommen: verwacht ten hoogste ${nl(MAX_TABLE_COLUMNS)} kolommen per tabel, gevonden ${nl(MAX_TABLE_COLUMNS + 1)}; splits de tabel`,
    ]);
  });

  it('a chart over the point limit is refused at the table’s rows, with the limit', () => {
    const columns = MAX_TABLE_COLUMNS;
    const rows = Math.floor(MAX_CHART_POINTS / columns) + 1;
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t + bigTable(rows, columns, CHART),
    });
    expect(errorsOf(copy)).toEqual([
      `${keyAt(copy, ROWS_KEY)} fout [omvang] groot.rijen: verwacht ten hoogste ${nl(MAX_CHART_POINTS)} punten per grafiek, gevonden ${nl(rows * columns)} (${nl(rows)} rijen × ${nl(columns)} kolommen); kies minder reeksen met grafiek.reeksen, of laat grafiek weg (de tabel blijft)`,
    ]);
  });

  it('the same table passes with fewer series picked, and without its chart', () => {
    const rows = Math.floor(MAX_CHART_POINTS / MAX_TABLE_COLUMNS) + 1;
    const picked = [...CHART, '    reeksen: [Rij 1, Rij 2]'];
    const withFewer = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t + bigTable(rows, MAX_TABLE_COLUMNS, picked),
    });
    expect(errorsOf(withFewer)).toEqual([]);
    const withoutChart = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t + bigTable(MAX_TABLE_ROWS, 2),
    });
    expect(errorsOf(withoutChart)).toEqual([]);
  });
});

/** `rows` leaf rows of `columns` values, some negative, drawn as `vorm`. */
function wide(rows: number, columns: number, vorm: Tabel['grafiek'] & object): Tabel {
  return table({
    kolommen: Array.from({ length: columns }, (_, c) => `K${c + 1}`),
    rijen: Array.from({ length: rows }, (_, r) => ({
      label: `Gemeente ${r + 1}`,
      waarden: Array.from({ length: columns }, (_, c) => ((r * 7 + c * 13) % 97) - 20),
    })),
    grafiek: vorm,
  });
}

/** The longest text in a compiled Vega spec, outside the data and the scale domains. */
function longestExpression(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestExpression));
  if (value && typeof value === 'object') {
    return Math.max(
      0,
      ...Object.entries(value)
        .filter(([key]) => key !== 'values' && key !== 'domain')
        .map(([, v]) => longestExpression(v)),
    );
  }
  return 0;
}

const SHAPES: Array<Tabel['grafiek'] & object> = [
  { vorm: 'gestapeld', as: 'kolommen', beschrijving: 'x' },
  { vorm: 'gegroepeerd', as: 'kolommen', beschrijving: 'x' },
  { vorm: 'liggend', as: 'kolommen', beschrijving: 'x' },
  { vorm: 'liggend', as: 'rijen', beschrijving: 'x' },
  { vorm: 'lijn', as: 'kolommen', beschrijving: 'x' },
];

describe('charts render in time linear in their points', () => {
  it('no expression in the spec grows with the number of series (work per point stays constant)', () => {
    // Vega-Lite once ordered grouped bars with one comparison per series for every point:
    // quadratic work, and a stack overflow in Vega's parser from about 1.000 series.
    for (const shape of SHAPES) {
      const few = longestExpression(compile(chartSpec(wide(10, 5, shape), theme) as never).spec);
      const many = longestExpression(
        compile(chartSpec(wide(MAX_TABLE_ROWS, 5, shape), theme) as never).spec,
      );
      expect(many, `${shape.vorm} ${shape.as}`).toBe(few);
    }
  });

  it('a chart at the point limit takes well under 30 × the time of one a tenth its size', async () => {
    // A ratio, not a wall time: both run on the same (shared) machine. Quadratic work would give
    // about 100 ×; before the fix the stacked chart took 43 × and the grouped one overflowed.
    const columns = 5;
    const rows = MAX_CHART_POINTS / columns;
    expect(rows).toBeLessThanOrEqual(MAX_TABLE_ROWS);
    const time = async (t: Tabel, runs: number): Promise<number> => {
      let best = Infinity;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await renderChart(t, theme);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    await renderChart(
      wide(10, columns, SHAPES[0] ?? { vorm: 'staaf', as: 'kolommen', beschrijving: 'x' }),
      theme,
    );
    for (const shape of SHAPES) {
      const small = await time(wide(rows / 10, columns, shape), 3);
      const large = await time(wide(rows, columns, shape), 1);
      expect(
        large / small,
        `${shape.vorm} ${shape.as}: ${Math.round(small)} ms → ${Math.round(large)} ms`,
      ).toBeLessThan(30);
    }
  }, 120_000);

  it('a chart over the limit is not rendered, also when called without the data checks', async () => {
    const rows = MAX_TABLE_ROWS;
    const columns = Math.floor(MAX_CHART_POINTS / rows) + 1;
    await expect(
      renderChart(wide(rows, columns, { vorm: 'staaf', as: 'kolommen', beschrijving: 'x' }), theme),
    ).rejects.toThrow(`ten hoogste ${MAX_CHART_POINTS}`);
  });
});

describe('printing very many messages', () => {
  it('prints at most MAX_PRINTED and says how many more there are', () => {
    const list = Array.from({ length: MAX_PRINTED + 50 }, (_, i) => ({
      severity: 'error' as const,
      file: 'data/x.yaml',
      line: i + 1,
      rule: 'schema',
      message: `fout ${i + 1}`,
    }));
    const lines = formatDiagnostics(list).split('\n');
    expect(lines).toHaveLength(MAX_PRINTED + 1);
    expect(lines[0]).toBe('data/x.yaml:1 fout [schema] fout 1');
    expect(lines.at(-1)).toBe('… en nog 50 meldingen');
  });
});
