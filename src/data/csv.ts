/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180); empty for null. Pure. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV with a header line, in the columns' order; every line ends with a line break. Pure. */
export function toCsv<T extends Record<string, string | number | boolean | null | undefined>>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((column) => csvField(row[column])).join(','))].map((line) => `${line}\n`).join('');
}
