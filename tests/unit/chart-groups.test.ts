/**
 * Charts of the rows' parts (`grafiek.as: groepen`): the rows with parts along the axis, their
 * parts' labels as the series, the values from one column; drawn by the existing bar specs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import type { Grafiek, Rij, Tabel } from '../../src/data/schema.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { MAX_CHART_POINTS } from '../../src/data/limits.ts';
import { DataError } from '../../src/errors.ts';
import {
  chartCategories,
  chartPoints,
  chartRows,
  chartShape,
} from '../../src/figures/chart-data.ts';
import { renderChart } from '../../src/figures/render-chart.ts';
import { chartSpec } from '../../src/figures/spec.ts';
import { table, theme } from '../support/charts.ts';
import { fixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';

/** The published Woningbouwvergunningen (Zuid-west's parts as the total implies them). */
const REGIONS: Rij[] = [
  {
    label: 'Noord',
    waarden: [368, null],
    onderdelen: [
      { label: 'Overheid of woningcorporatie', waarden: [171, 46] },
      { label: 'Bouwers voor de markt', waarden: [145, 39] },
      { label: 'Andere particuliere opdrachtgevers', waarden: [52, 14] },
    ],
  },
  {
    label: 'Zuid-oost',
    waarden: [282, null],
    onderdelen: [
      { label: 'Overheid of woningcorporatie', waarden: [55, 20] },
      { label: 'Bouwers voor de markt', waarden: [125, 44] },
      { label: 'Andere particuliere opdrachtgevers', waarden: [83, 29] },
    ],
  },
  {
    label: 'Zuid-west',
    waarden: [480, null],
    onderdelen: [
      { label: 'Overheid of woningcorporatie', waarden: [34, 7] },
      { label: 'Bouwers voor de markt', waarden: [375, 78] },
      { label: 'Andere particuliere opdrachtgevers', waarden: [71, 15] },
    ],
  },
];

function vergunningen(grafiek: Partial<Grafiek>): Tabel {
  return table({
    titel: 'Woningbouwvergunningen',
    kolommen: ['Aantal', { label: 'Aandeel', eenheid: 'procent', aandeel_van: 0 }],
    rijen: REGIONS,
    totaal: {
      label: 'Drenthe',
      vermeld: [1130, null],
      onderdelen: [
        { label: 'Overheid of woningcorporatie', vermeld: [260, 23] },
        { label: 'Bouwers voor de markt', vermeld: [645, 57] },
        { label: 'Andere particuliere opdrachtgevers', vermeld: [206, 18] },
      ],
    },
    grafiek: { vorm: 'gestapeld', as: 'groepen', beschrijving: 'x', ...grafiek },
  });
}

const points = (t: Tabel) => chartRows(t).map((r) => `${r.categorie}/${r.reeks}=${r.waarde}`);

describe('a chart of the rows’ parts (as: groepen)', () => {
  it('puts the rows with parts along the axis and the parts as series, from the first column', () => {
    const t = vergunningen({});
    expect(chartCategories(t)).toEqual(['Noord', 'Zuid-oost', 'Zuid-west']);
    expect(points(t)).toEqual([
      'Noord/Overheid of woningcorporatie=171',
      'Noord/Bouwers voor de markt=145',
      'Noord/Andere particuliere opdrachtgevers=52',
      'Zuid-oost/Overheid of woningcorporatie=55',
      'Zuid-oost/Bouwers voor de markt=125',
      'Zuid-oost/Andere particuliere opdrachtgevers=83',
      'Zuid-west/Overheid of woningcorporatie=34',
      'Zuid-west/Bouwers voor de markt=375',
      'Zuid-west/Andere particuliere opdrachtgevers=71',
    ]);
    expect(chartShape(t)).toEqual({ categories: 3, series: 3 });
  });

  it('draws another column by its label, in its unit, and narrows the series with reeksen', () => {
    const t = vergunningen({
      kolom: 'Aandeel',
      reeksen: ['Bouwers voor de markt', 'Overheid of woningcorporatie'],
    });
    // The series keep the table's order, whatever order reeksen has.
    expect(points(t)).toEqual([
      'Noord/Overheid of woningcorporatie=46',
      'Noord/Bouwers voor de markt=39',
      'Zuid-oost/Overheid of woningcorporatie=20',
      'Zuid-oost/Bouwers voor de markt=44',
      'Zuid-west/Overheid of woningcorporatie=7',
      'Zuid-west/Bouwers voor de markt=78',
    ]);
    expect(new Set(chartPoints(t).map((p) => p.eenheid))).toEqual(new Set(['procent']));
    expect(chartShape(t)).toEqual({ categories: 3, series: 2 });
  });

  it('leaves out rows without parts, and a part a row does not have', () => {
    const rijen: Rij[] = [
      { label: 'Zonder', waarden: [5, null] },
      {
        label: 'Met',
        waarden: [3, null],
        onderdelen: [{ label: 'B', waarden: [3, 100] }],
      },
      {
        label: 'Ook',
        waarden: [4, null],
        onderdelen: [
          { label: 'A', waarden: [1, 25] },
          { label: 'B', waarden: [null, null] },
        ],
      },
    ];
    const t = { ...vergunningen({}), rijen, totaal: undefined };
    expect(chartCategories(t)).toEqual(['Met', 'Ook']);
    // Series in the order the parts first appear (B, then A); Ook's B is missing, not 0.
    expect(points(t)).toEqual(['Met/B=3', 'Ook/A=1']);
    expect(chartShape(t)).toEqual({ categories: 2, series: 2 });
  });

  it('is drawn by the existing bar specs: stacked, grouped and lying', async () => {
    for (const vorm of ['gestapeld', 'gegroepeerd', 'liggend'] as const) {
      const t = vergunningen({ vorm });
      const spec = chartSpec(t, theme) as { data: { values: Array<{ reeks: string }> } };
      expect(new Set(spec.data.values.map((v) => v.reeks))).toEqual(
        new Set([
          'Overheid of woningcorporatie',
          'Bouwers voor de markt',
          'Andere particuliere opdrachtgevers',
        ]),
      );
      const svg = await renderChart(t, theme);
      const legend = [
        ...svg.matchAll(/<g class="mark-text role-legend-label[^"]*"[^>]*>([\s\S]*?)<\/g>/g),
      ].flatMap((g) => [...(g[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]));
      expect(legend).toEqual([
        'Overheid of woningcorporatie',
        'Bouwers voor de markt',
        'Andere particuliere opdrachtgevers',
      ]);
      // The total (Drenthe) is not a category.
      expect(svg).toContain('Zuid-oost');
      expect(svg).not.toContain('Drenthe');
    }
  });
});

describe('as: rijen with a share column', () => {
  it('narrows the series (columns) with reeksen, the percent column included or not', () => {
    const t = vergunningen({ as: 'rijen', vorm: 'liggend', reeksen: ['Aandeel'] });
    expect(points(t)).toEqual([
      'Overheid of woningcorporatie (Noord)/Aandeel=46',
      'Bouwers voor de markt (Noord)/Aandeel=39',
      'Andere particuliere opdrachtgevers (Noord)/Aandeel=14',
      'Overheid of woningcorporatie (Zuid-oost)/Aandeel=20',
      'Bouwers voor de markt (Zuid-oost)/Aandeel=44',
      'Andere particuliere opdrachtgevers (Zuid-oost)/Aandeel=29',
      'Overheid of woningcorporatie (Zuid-west)/Aandeel=7',
      'Bouwers voor de markt (Zuid-west)/Aandeel=78',
      'Andere particuliere opdrachtgevers (Zuid-west)/Aandeel=15',
    ]);
    const counts = vergunningen({ as: 'rijen', vorm: 'liggend', reeksen: ['Aantal'] });
    expect(chartShape(counts)).toEqual({ categories: 9, series: 1 });
    expect(new Set(chartPoints(counts).map((p) => p.eenheid))).toEqual(new Set(['aantal']));
  });
});

/**
 * The first line of each error of a failing check; `at(line, col)`: file:line:column of the line
 * with `line`, at `col` on it.
 */
function errorsOf(yaml: string): {
  errors: string[];
  at: (line: string, col?: string) => string;
} {
  const copy = fixtureCopy('minimaal', { [CIJFERS]: (t) => `${t}\n${yaml}` });
  const at = (line: string, col = line) => {
    const n = copy.lineOf(CIJFERS, line);
    const text = readFileSync(copy.file(CIJFERS), 'utf8').split('\n')[n - 1] ?? '';
    return `${copy.file(CIJFERS)}:${n}:${text.indexOf(col) + 1}`;
  };
  try {
    checkData(resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }));
  } catch (e) {
    if (e instanceof DataError)
      return { errors: e.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0] ?? ''), at };
    throw e;
  }
  return { errors: [], at };
}

const GROUPED = (grafiek: string) => `
regios:
  soort: tabel
  titel: Regio's
  kolommen: [Aantal, Aandeel]
  rijen:
    - label: Noord
      waarden: [3, null]
      onderdelen:
        - {label: A, waarden: [1, null]}
        - {label: B, waarden: [2, null]}
    - {label: Zuid, waarden: [4, null]}
  grafiek:
${grafiek}
    beschrijving: Staven per regio.
`;

describe('checks of a chart of parts', () => {
  it('a column, a series or a table without parts that the chart cannot draw is an error', () => {
    const kolom = errorsOf(GROUPED('    vorm: gestapeld\n    as: groepen\n    kolom: Aantallen'));
    expect(kolom.errors).toEqual([
      `${kolom.at('Aantallen')} fout [grafiek] regios.grafiek.kolom: verwacht een kolom van de tabel (Aantal, Aandeel), gevonden "Aantallen"`,
    ]);
    const reeks = errorsOf(
      GROUPED('    vorm: gestapeld\n    as: groepen\n    reeksen: [A, Noord]'),
    );
    expect(reeks.errors).toEqual([
      `${reeks.at('reeksen: [A, Noord]', 'Noord]')} fout [grafiek] regios.grafiek.reeksen[1]: verwacht een van: A, B; gevonden "Noord"`,
    ]);
    const without = errorsOf(
      GROUPED('    vorm: gestapeld\n    as: groepen').replace(
        /- label: Noord[\s\S]*?B, waarden: \[2, null\]\}\n/,
        '- {label: Noord, waarden: [3, null]}\n',
      ),
    );
    expect(without.errors).toEqual([
      `${without.at('as: groepen', 'groepen')} fout [grafiek] regios.grafiek.as: as: groepen tekent de onderdelen van de rijen, maar geen rij heeft onderdelen; kies as: kolommen of as: rijen`,
    ]);
    const elsewhere = errorsOf(GROUPED('    vorm: gestapeld\n    kolom: Aantal'));
    expect(elsewhere.errors).toEqual([
      `${elsewhere.at('kolom: Aantal', 'Aantal')} fout [grafiek] regios.grafiek.kolom: grafiek.kolom kiest de kolom bij as: groepen; bij as: kolommen tekent de grafiek alle kolommen (kies ze met grafiek.reeksen)`,
    ]);
  });

  it('counts its points as rows with parts × series, after reeksen, against the limit', () => {
    // 60 regions with 2 parts each, every part its own label: 60 × 120 places on the chart.
    const groups = Array.from({ length: 60 }, (_, g) =>
      [
        `    - label: Regio ${g + 1}`,
        '      waarden: [2, null]',
        `      onderdelen: [{label: D${g}a, waarden: [1, null]}, {label: D${g}b, waarden: [1, null]}]`,
      ].join('\n'),
    );
    const yaml = (extra: string) =>
      `\nveel:\n  soort: tabel\n  titel: Veel\n  kolommen: [Aantal, Aandeel]\n  rijen: # veel\n${groups.join('\n')}\n  grafiek:\n    vorm: gestapeld\n    as: groepen\n${extra}    beschrijving: Veel.\n`;
    const over = errorsOf(yaml(''));
    expect(over.errors).toEqual([
      `${over.at('rijen: # veel', 'rijen')} fout [omvang] veel.rijen: verwacht ten hoogste ${MAX_CHART_POINTS.toLocaleString('nl-NL')} punten per grafiek, gevonden 7.200 (60 rijen × 120 onderdelen); kies minder reeksen met grafiek.reeksen, of laat grafiek weg (de tabel blijft)`,
    ]);
    expect(errorsOf(yaml('    reeksen: [D0a, D1b]\n')).errors).toEqual([]);
  });
});
