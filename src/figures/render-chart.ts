// TEMPORARY STUB (replaced by the figures module)
import type { Tabel } from '../data/schema.ts';
import type { ChartTheme } from './theme.ts';
export async function renderChart(table: Tabel, theme: ChartTheme): Promise<string> {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${theme.width}" height="${theme.height}"><text x="10" y="20">${table.titel.replace(/[<&]/g, '')}</text></svg>`;
}
