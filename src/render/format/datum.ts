/** Dutch month names, January first (also used by the charts' time locale). */
export const MAANDEN = [
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

/** An ISO date the Dutch way: "2025-01-01" -> "1 januari 2025". Throws on a date that does not exist. */
export function formatDatum(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    !m ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw new Error(
      `geen bestaande datum: "${iso}" (verwacht JJJJ-MM-DD, bijvoorbeeld 2025-01-31)`,
    );
  }
  return `${day} ${MAANDEN[month - 1]} ${year}`;
}
