/**
 * The values record a build keeps for the review: every value by a name a person reads, with
 * its file and line, and the changes between two versions.
 */
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/check.ts';
import { editionValues, valueChanges } from '../../src/data/values.ts';
import { fixtureCopy } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';

function values(copy: FixtureCopy) {
  const ctx = resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 });
  const checked = checkData(ctx);
  return editionValues(
    checked.edition,
    checked.chapters.map((c, i) => ({
      nummer: c.nummer,
      titel: c.titel,
      text: checked.prose[i]?.text ?? '',
      facts: c.placements.map((p) => p.id),
    })),
  );
}

describe('the values of an edition', () => {
  const copy = fixtureCopy('minimaal');
  const all = values(copy);

  it('names every value once, with the file and line it is typed on', () => {
    const names = all.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    const inwoners = all.find((v) => v.name === 'cijfers.inwoners');
    expect(inwoners).toMatchObject({ line: copy.lineOf(CIJFERS, 'inwoners:'), value: '1.234' });
    expect(inwoners?.file).toBe(copy.file(CIJFERS));
    const share = all.find((v) => v.name === 'cijfers.aandeel_starters');
    expect(share?.value).toBe('12,5%');
  });

  it('names table cells by row and column, and says which chapter shows them', () => {
    const cell = all.find((v) => v.name === 'cijfers.verkocht, rij "Vrijstaand", kolom 2024');
    expect(cell).toMatchObject({ value: '7', line: copy.lineOf(CIJFERS, 'label: Vrijstaand') });
    expect(cell?.chapters).toEqual(['1. Cijfers']);
    const total = all.find(
      (v) => v.name === 'cijfers.verkocht, vermeld totaal "Totaal", kolom 2023',
    );
    expect(total?.value).toBe('12');
    // A derived value is there, marked as computed.
    expect(all.find((v) => v.name === 'cijfers.verkocht_dit_jaar')).toMatchObject({
      value: '21',
      computed: true,
    });
  });

  it('lists what changed between two versions: changed, added and removed values', () => {
    const changed = values(
      fixtureCopy('minimaal', {
        [CIJFERS]: (t) => t.replace('inwoners: 1234', 'inwoners: 1250\nnieuw_getal: 3'),
      }),
    ).filter((v) => v.name !== 'cijfers.aandeel_starters');
    const changes = valueChanges(all, changed);
    expect(changes.map((c) => [c.name, c.old, c.new])).toEqual(
      expect.arrayContaining([
        ['cijfers.inwoners', '1.234', '1.250'],
        ['cijfers.nieuw_getal', '—', '3'],
        ['cijfers.aandeel_starters', '12,5%', '—'],
      ]),
    );
    expect(changes).toHaveLength(3);
    expect(valueChanges(all, all)).toEqual([]);
  });
});
