/**
 * RFC 4180 CSV reading for labeled training files. Every failure is one line
 * that names the row (1-based, as a spreadsheet shows it) or the column.
 */

export class CsvError extends Error {
  override name = 'CsvError';
}

/** Parses CSV text (LF or CRLF, quoted fields may hold commas, quotes and newlines) into rows of fields. */
export function parseCsv(text: string): string[][] {
  if (text.includes('\u0000')) throw new CsvError('not a text CSV: the file contains NUL bytes (binary data?)');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let rowStartLine = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = src[i + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
            throw new CsvError(`row ${rows.length + 1} (line ${line}): unexpected character after closing quote`);
          }
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (fieldStarted && field.length > 0) {
        throw new CsvError(`row ${rows.length + 1} (line ${line}): stray quote inside an unquoted field`);
      }
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      line++;
      rowStartLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(`row ${rows.length + 1} (line ${rowStartLine}): quoted field is never closed`);
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface LabeledText {
  text: string;
  label: string;
  /** How many times the row counts in training (default 1): hand-written rows outweigh templated ones. */
  weight?: number;
}

/** Reads `textColumn`/`labelColumn` from CSV text with a header row; rejects ragged rows and empty labels. */
export function readLabeledCsv(text: string, textColumn: string, labelColumn: string, source = 'CSV'): LabeledText[] {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) throw new CsvError(`${source}: empty file (no header row)`);
  const names = header.map((h) => h.trim());
  const ti = names.indexOf(textColumn);
  const li = names.indexOf(labelColumn);
  const known = names.map((n) => JSON.stringify(n)).join(', ');
  if (ti < 0) throw new CsvError(`${source}: unknown text column "${textColumn}" (columns: ${known})`);
  if (li < 0) throw new CsvError(`${source}: unknown label column "${labelColumn}" (columns: ${known})`);
  const out: LabeledText[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length !== names.length) {
      throw new CsvError(`${source}: row ${r + 1} has ${row.length} fields, header has ${names.length}`);
    }
    const label = row[li]!.trim();
    if (!label) throw new CsvError(`${source}: row ${r + 1} has an empty "${labelColumn}"`);
    out.push({ text: row[ti]!, label });
  }
  if (out.length === 0) throw new CsvError(`${source}: no data rows after the header`);
  return out;
}
