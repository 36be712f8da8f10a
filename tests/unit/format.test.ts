import { describe, expect, it } from 'vitest';
import {
  formatDatum,
  formatEuro,
  formatGetal,
  formatProcent,
} from '../../src/render/format/index.ts';

describe('Dutch number formatting', () => {
  it('groups thousands with a full stop and uses a decimal comma', () => {
    expect(formatGetal(14849)).toBe('14.849');
    expect(formatGetal(1014)).toBe('1.014');
    expect(formatGetal(999)).toBe('999');
    expect(formatGetal(1234567.5)).toBe('1.234.567,5');
    expect(formatGetal(3.3)).toBe('3,3');
    expect(formatGetal(0)).toBe('0');
    expect(formatGetal(-102)).toBe('-102');
    expect(formatGetal(-1234.5)).toBe('-1.234,5');
  });

  it('rounds half away from zero on the written decimal value', () => {
    expect(formatGetal(2.675, { decimals: 2 })).toBe('2,68');
    expect(formatGetal(1.005, { decimals: 2 })).toBe('1,01');
    expect(formatGetal(10.45, { decimals: 1 })).toBe('10,5');
    expect(formatGetal(-2.5, { decimals: 0 })).toBe('-3');
    expect(formatGetal(0.1 + 0.2)).toBe('0,3');
    expect(formatGetal(7, { decimals: 1 })).toBe('7,0');
    expect(formatGetal(2.675)).toBe('2,68');
    expect(formatGetal(2.999)).toBe('3');
    expect(formatGetal(-0.001, { decimals: 2 })).toBe('0,00');
    expect(formatGetal(0.0000001)).toBe('0');
    expect(formatGetal(1234.5678, { decimals: 3 })).toBe('1.234,568');
  });

  it('refuses what it cannot write', () => {
    expect(() => formatGetal(Number.NaN)).toThrow('geen eindig getal: NaN');
    expect(() => formatGetal(Infinity)).toThrow('geen eindig getal');
    expect(() => formatGetal(1e21)).toThrow('getal te groot');
    expect(() => formatGetal(1, { decimals: -1 })).toThrow('aantal decimalen');
    expect(() => formatGetal(1, { decimals: 1.5 })).toThrow('aantal decimalen');
  });

  it('writes percentages without a space before the sign', () => {
    expect(formatProcent(10.4)).toBe('10,4%');
    expect(formatProcent(61)).toBe('61%');
    expect(formatProcent(7, { decimals: 1 })).toBe('7,0%');
    expect(formatProcent(52.6)).toBe('52,6%');
    expect(formatProcent(0)).toBe('0%');
    expect(formatProcent(-3.25)).toBe('-3,25%');
    expect(formatProcent(10.45, { decimals: 1 })).toBe('10,5%');
  });

  it('writes amounts with the euro sign and a no-break space', () => {
    expect(formatEuro(454.47)).toBe('€\u00a0454,47');
    expect(formatEuro(300000)).toBe('€\u00a0300.000');
    expect(formatEuro(650.4)).toBe('€\u00a0650,40');
    expect(formatEuro(0)).toBe('€\u00a00');
    expect(formatEuro(1234567.891)).toBe('€\u00a01.234.567,89');
    expect(formatEuro(454.999)).toBe('€\u00a0455');
    expect(formatEuro(-12.5)).toBe('€\u00a0-12,50');
    expect(formatEuro(300000, { decimals: 2 })).toBe('€\u00a0300.000,00');
  });

  it('writes dates with Dutch month names', () => {
    expect(formatDatum('2025-01-01')).toBe('1 januari 2025');
    expect(formatDatum('2024-12-31')).toBe('31 december 2024');
    expect(formatDatum('2025-03-14')).toBe('14 maart 2025');
    expect(formatDatum('2024-02-29')).toBe('29 februari 2024');
    expect(() => formatDatum('2025-02-29')).toThrow('geen bestaande datum');
    expect(() => formatDatum('2025-13-01')).toThrow('geen bestaande datum');
    expect(() => formatDatum('2025-02-30')).toThrow('geen bestaande datum: "2025-02-30"');
    expect(() => formatDatum('1-1-2025')).toThrow('verwacht JJJJ-MM-DD');
  });
});
