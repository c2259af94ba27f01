// Every CSV Flowmap writes goes through toCsv: RFC 4180 (Papa.unparse, CRLF, quoted as needed) with formula
// injection neutralised. A spreadsheet runs a cell that starts with =, +, -, @ (or their full-width forms), tab
// or CR as a formula (`=HYPERLINK(…)`, `=cmd|…`), and imported titles and keys are anyone's text: such a text
// cell gets a leading apostrophe. Numbers are written as numbers (a negative figure stays one). Papa's own
// `escapeFormulae: true` pattern ends in `.*$` and so misses a formula followed by a newline: ours does not.
// Browser-safe.
import Papa from 'papaparse';

export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export type CsvCell = string | number | boolean | null;

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return `${Papa.unparse({ fields: header, data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START })}\r\n`;
}
