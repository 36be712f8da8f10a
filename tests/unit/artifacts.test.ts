/**
 * Marking what is not content as artifacts (src/finalize/artifacts.ts), on content streams
 * written the way Chromium (Skia) writes them: one operator a line, tagged content in BDC … EMC.
 */
import { describe, expect, it } from 'vitest';
import { markArtifacts } from '../../src/finalize/artifacts.ts';
import { paintingOutsideMarks } from '../support/pdf-objects.ts';

const STREAM = [
  'q',
  '.3 .3 .4 rg',
  'BT', // the running header: untagged
  '/F7 11 Tf',
  '1 0 0 -1 90 69 Tm',
  '<0086> Tj',
  'ET',
  'Q',
  '/P <</MCID 0 >>BDC', // a paragraph: tagged
  'BT',
  '<0001> Tj',
  'ET',
  'EMC',
  '0 0 10 10 re', // a clip: paints nothing
  'W* n',
  '0 0 m', // a rule under a heading: painted, untagged
  '556 0 l',
  'S',
  '.8 .8 .8 rg', // two dots of a leader, with only a colour between
  '1 1 2 2 re',
  'f',
  '4 1 2 2 re',
  'f',
  '/Im1 Do', // an image outside any tag
].join('\n');

describe('artifacts', () => {
  it('wraps every untagged painting unit, leaves tagged content and clips alone', () => {
    expect(paintingOutsideMarks(STREAM)).toHaveLength(5);
    const { content, wrapped } = markArtifacts(STREAM);
    expect(paintingOutsideMarks(content)).toEqual([]);
    // The header; then the rule, both dots and the image, with only state between: one span.
    expect(wrapped).toBe(2);
    const lines = content.split('\n');
    // The tagged paragraph is unchanged and not inside an artifact.
    const p = lines.indexOf('/P <</MCID 0 >>BDC');
    expect(lines.slice(p, p + 5)).toEqual(['/P <</MCID 0 >>BDC', 'BT', '<0001> Tj', 'ET', 'EMC']);
    expect(lines.slice(0, p).filter((l) => l === '/Artifact BMC')).toHaveLength(1);
    // The clip stays outside any mark.
    const clip = lines.indexOf('W* n');
    expect(lines[clip - 2]).not.toBe('/Artifact BMC');
    // Nothing else changed: taking the marks out gives the original back.
    expect(lines.filter((l) => (l !== '/Artifact BMC' && l !== 'EMC') || false).join('\n')).toBe(
      STREAM.split('\n')
        .filter((l) => l !== 'EMC')
        .join('\n'),
    );
  });

  it('wraps nothing in a stream that is all tagged', () => {
    const tagged = '/P <</MCID 0 >>BDC\nBT\n<0001> Tj\nET\nEMC';
    expect(markArtifacts(tagged)).toEqual({ content: tagged, wrapped: 0 });
  });
});
