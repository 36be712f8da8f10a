// TEMPORARY STUB (replaced by the format module)
function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
export function formatGetal(n: number, opts: { decimals?: number } = {}): string {
  const s =
    opts.decimals === undefined ? String(Math.round(n * 100) / 100) : n.toFixed(opts.decimals);
  const [i = '', d] = s.replace('-', '').split('.');
  return `${n < 0 ? '-' : ''}${group(i)}${d ? `,${d}` : ''}`;
}
export function formatProcent(n: number, opts: { decimals?: number } = {}): string {
  return `${formatGetal(n, opts)}%`;
}
export function formatEuro(n: number): string {
  return `€\u00a0${Number.isInteger(n) ? formatGetal(n) : formatGetal(n, { decimals: 2 })}`;
}
const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];
export function formatDatum(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}
