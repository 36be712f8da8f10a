/**
 * The chart palettes of both publications, computed, not judged by eye: every colour against the
 * white page (3:1), the value labels on every colour (4,5:1), every two colours apart (CIEDE2000)
 * for normal vision and as protanopes, deuteranopes and tritanopes see them (Machado et al. 2009),
 * and neighbouring series apart in greyscale. The colour maths is checked against published values
 * first, so that the palette checks rest on something.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartShape } from '../../src/figures/chart-data.ts';
import {
  BLACK,
  contrast,
  deltaE2000,
  greyLightness,
  greyscales,
  GREYSCALES,
  lab,
  LABEL_CONTRAST,
  labelColour,
  MARK_CONTRAST,
  MIN_DELTA_E,
  MIN_GREY_STEP,
  seen,
  VISIONS,
  WHITE,
} from '../../src/figures/palette.ts';
import type { Lab } from '../../src/figures/palette.ts';
import { coloursFor } from '../../src/figures/spec-parts.ts';
import { chartSpec } from '../../src/figures/spec.ts';
import { DEFAULT_PALETTE } from '../../src/figures/theme.ts';
import { loadHouseStyle } from '../../src/render/house-style.ts';
import { publicationCharts } from '../support/charts.ts';
import { ROOT } from '../support/fixture.ts';

const PUBLICATIONS = ['midden-drenthe', 'provincie-drenthe'] as const;

/** A publication's chart colours and text colour, read with the project's own loader. */
function houseStyle(publication: string) {
  const style = loadHouseStyle(
    path.join(ROOT, 'templates', publication),
    `templates/${publication}/huisstijl.yaml`,
    [ROOT],
  );
  return { palette: style.grafiek.palet, text: style.grafiek.tekstkleur };
}

const close = (a: Lab, b: Lab, digits = 2) =>
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i] ?? NaN, digits));

describe('the colour maths', () => {
  it('gives WCAG contrast ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    expect(contrast('#777777', WHITE)).toBeCloseTo(4.48, 2);
    expect(contrast('#767676', WHITE)).toBeCloseTo(4.54, 2);
    // What was wrong with Okabe–Ito on this page: orange and sky blue bars, dark text on green.
    expect(contrast('#E69F00', WHITE)).toBeCloseTo(2.25, 2);
    expect(contrast('#56B4E9', WHITE)).toBeCloseTo(2.31, 2);
    expect(contrast('#1f2933', '#009E73')).toBeCloseTo(4.31, 2);
  });

  it('gives CIELAB of sRGB (D65)', () => {
    close(lab('#ffffff'), [100, 0, 0]);
    close(lab('#000000'), [0, 0, 0]);
    close(lab('#ff0000'), [53.24, 80.09, 67.2], 1);
    close(lab('#0000ff'), [32.3, 79.19, -107.86], 1);
    expect(greyLightness('#777777')).toBeCloseTo(50.03, 1);
  });

  it('turns colours grey as L*, and as Rec. 709 and Rec. 601 luma (ImageMagick, office software)', () => {
    for (const scale of GREYSCALES) expect(greyscales('#ffffff')[scale]).toBeCloseTo(100, 3);
    const grey = greyscales('#808080');
    expect(grey['Rec. 709']).toBeCloseTo(50.2, 1);
    expect(grey['Rec. 601']).toBeCloseTo(50.2, 1);
    expect(grey['L*']).toBeCloseTo(53.59, 1);
    // pure red: ImageMagick's -colorspace Gray gives 54 of 255
    expect((greyscales('#ff0000')['Rec. 709'] * 255) / 100).toBeCloseTo(54.2, 1);
    expect(greyscales('#ff0000')['Rec. 601']).toBeCloseTo(29.9, 1);
  });

  it('gives CIEDE2000 as Sharma, Wu & Dalal’s test data', () => {
    const pairs: Array<[Lab, Lab, number]> = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
      [[90.9257, -0.5406, -0.9208], [88.6381, -0.8985, -0.7239], 1.5381],
      [[6.7747, -0.2908, -2.4247], [5.8714, -0.0985, -2.2286], 0.6377],
    ];
    for (const [a, b, expected] of pairs) {
      expect(deltaE2000(a, b)).toBeCloseTo(expected, 4);
      expect(deltaE2000(b, a)).toBeCloseTo(expected, 4);
    }
  });

  it('simulates dichromats: greys stay grey, red and green come together for deuteranopes', () => {
    for (const vision of VISIONS) close(seen('#777777', vision), lab('#777777'), 1);
    const red = '#d62728';
    const green = '#2ca02c';
    const normal = deltaE2000(seen(red, 'normaal'), seen(green, 'normaal'));
    expect(deltaE2000(seen(red, 'deuteranopie'), seen(green, 'deuteranopie'))).toBeLessThan(
      normal / 2,
    );
    expect(deltaE2000(seen(red, 'protanopie'), seen(green, 'protanopie'))).toBeLessThan(normal / 2);
    // tritanopes confuse blue and green, not red and green
    expect(deltaE2000(seen(red, 'tritanopie'), seen(green, 'tritanopie'))).toBeGreaterThan(
      normal / 2,
    );
  });

  it('chooses a value label colour that reaches 4,5:1 on any fill', () => {
    for (let r = 0; r < 256; r += 15) {
      for (let g = 0; g < 256; g += 15) {
        for (let b = 0; b < 256; b += 15) {
          const fill = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
          const label = labelColour(fill, '#1f2933');
          expect([WHITE, '#1f2933', BLACK]).toContain(label);
          expect(contrast(label, fill), fill).toBeGreaterThanOrEqual(LABEL_CONTRAST);
        }
      }
    }
  });
});

const palettes = [
  ...PUBLICATIONS.map((p) => ({ name: p, ...houseStyle(p) })),
  { name: 'standaard (DEFAULT_PALETTE)', palette: DEFAULT_PALETTE, text: '#1f2933' },
];

describe.each(palettes)('the palette of $name', ({ name, palette, text }) => {
  it('has marks of at least 3:1 against the white page', () => {
    for (const colour of palette) {
      expect(contrast(colour, WHITE), colour).toBeGreaterThanOrEqual(MARK_CONTRAST);
    }
  });

  it('has value labels of at least 4,5:1 on every colour: white, the text colour or black', () => {
    for (const colour of palette) {
      const label = labelColour(colour, text);
      expect([WHITE, text, BLACK]).toContain(label);
      expect(contrast(label, colour), colour).toBeGreaterThanOrEqual(LABEL_CONTRAST);
    }
  });

  it(`keeps every two colours at least ΔE00 ${MIN_DELTA_E} apart, for every kind of vision`, () => {
    // Every pair of the whole palette: a chart with n series uses its first n colours, so this
    // covers every set of colours a chart draws together.
    for (const vision of VISIONS) {
      palette.forEach((a, i) => {
        for (const b of palette.slice(i + 1)) {
          const difference = deltaE2000(seen(a, vision), seen(b, vision));
          expect(difference, `${vision}: ${a} ${b}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
        }
      });
    }
  });

  it(`steps at least ${MIN_GREY_STEP} in grey from one series to the next, however it is made grey`, () => {
    palette.slice(1).forEach((colour, i) => {
      const before = palette[i] ?? colour;
      for (const scale of GREYSCALES) {
        const step = Math.abs(greyscales(colour)[scale] - greyscales(before)[scale]);
        expect(step, `${scale}: ${before} ${colour}`).toBeGreaterThanOrEqual(MIN_GREY_STEP);
      }
    });
  });

  it('has enough colours: no chart of the publication falls back to lighter tints', () => {
    if (!PUBLICATIONS.includes(name as (typeof PUBLICATIONS)[number])) return;
    const { tables, theme } = publicationCharts(name);
    expect(theme.palette).toEqual(palette);
    for (const [id, table] of tables) {
      const { series } = chartShape(table);
      expect(series, id).toBeLessThanOrEqual(palette.length);
      expect(coloursFor(series, palette)).toEqual(palette.slice(0, series));
    }
  });
});

describe('the chart code', () => {
  it('puts every value label inside a stack in a colour of at least 4,5:1 on its segment', () => {
    let checked = 0;
    for (const publication of PUBLICATIONS) {
      const { tables, theme } = publicationCharts(publication);
      for (const [id, table] of tables) {
        if (table.grafiek?.vorm !== 'gestapeld') continue;
        const spec = chartSpec(table, theme) as unknown as {
          data: { values: Array<{ reeks: string; labelKleur: string }> };
          layer: Array<{ mark: { type: string }; encoding: Record<string, unknown> }>;
        };
        const bars = spec.layer.find((l) => l.mark.type === 'bar');
        const scale = (bars?.encoding.color as { scale: { domain: string[]; range: string[] } })
          .scale;
        for (const v of spec.data.values) {
          const fill = scale.range[scale.domain.indexOf(v.reeks)] ?? '';
          expect(contrast(v.labelKleur, fill), `${id} ${v.reeks}`).toBeGreaterThanOrEqual(
            LABEL_CONTRAST,
          );
          checked++;
        }
        // The label layer draws each label in its own colour, not white-or-text.
        const labels = spec.layer.find(
          (l) => l.mark.type === 'text' && (l.encoding.color as { field?: string })?.field,
        );
        expect(labels?.encoding.color).toMatchObject({ field: 'labelKleur', scale: null });
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
