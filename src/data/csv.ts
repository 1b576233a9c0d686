// A spreadsheet reads a cell that starts with one of these as a formula, which can run commands
// (CSV injection): `=cmd|' /C calc'!A0`. Numbers are written as numbers, negative or not.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180); empty for null.
 * Text a spreadsheet would take for a formula gets a leading apostrophe, and quotes, as OWASP
 * recommends: the cell then shows as text. Pure.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV with a header line, in the columns' order; every line ends with a line break. Pure. */
export function toCsv<T extends Record<string, string | number | boolean | null | undefined>>(
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
): string {
  return [columns.join(','), ...rows.map((row) => columns.map((column) => csvField(row[column])).join(','))].map((line) => `${line}\n`).join('');
}
