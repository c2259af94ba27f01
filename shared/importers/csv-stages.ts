// `vsm import csv FILE`: the stage-date CSV of flow tools (ActionableAgile, jira-agile-metrics): an ID column,
// optional Name/Type (and Link/Status columns, kept as fields; an https URL or Link is the item's web page), then
// one column per stage, in workflow order, holding the date the item entered that stage. Each dated stage
// becomes a status change into that stage.
// Dates are ISO (`2026-01-05`, `2026-01-05T09:12:33+0100`); date-times without an offset are taken as UTC.
import fs from 'node:fs';
import Papa from 'papaparse';
import { FlowmapError } from '../domain/errors.ts';
import { INSTANT_FORMATS_EXPECTED, sourceOffsetMinutes, tryParseInstant } from '../domain/instant.ts';
import { safeHttpsUrl } from '../domain/web-links.ts';
import type { ImportedItem } from '../store/import-repo.ts';
import type { Db } from '../store/open-workspace.ts';
import { invalid, refuseHtml } from './json-input.ts';
import { clip, preview } from './preview.ts';
import { runImport, type ImportOptions, type ImportResult } from './session.ts';

export interface CsvOptions extends ImportOptions {
  /** Import the readable rows and report the others instead of failing (default false: all or nothing). */
  skipBadRows?: boolean;
  /** The items' source (default `csv`); give each tool or project its own to keep their ids apart. */
  source?: string;
}

const ID_COLUMNS = ['id', 'key', 'issue key', 'issue_key', 'item id'];
const NAME_COLUMNS = ['name', 'title', 'summary'];
const TYPE_COLUMNS = ['type', 'issue type', 'issue_type', 'issuetype'];
/** The info columns that may hold the item's web page; the first one present wins. */
const URL_COLUMNS = ['url', 'link'];
/** Columns that describe the item rather than a stage (jira-agile-metrics and ActionableAgile extras). */
const INFO_COLUMNS = [
  'link',
  'url',
  'status',
  'resolution',
  'cycle_time',
  'cycle time',
  'completed_timestamp',
  'blocked_days',
  'blocked days',
  'impediments',
  'labels',
  'tags',
  'team',
  'epic',
  'parent',
];

export interface CsvLayout {
  id: number;
  name: number | null;
  type: number | null;
  /** The column holding each item's web page (also kept as a field), if any. */
  url: number | null;
  info: Array<{ index: number; name: string }>;
  stages: Array<{ index: number; name: string }>;
}

export function csvLayout(header: string[], file: string): CsvLayout {
  const norm = header.map((h) => h.trim().toLowerCase());
  const find = (names: string[]) => {
    const i = norm.findIndex((h) => names.includes(h));
    return i === -1 ? null : i;
  };
  const id = find(ID_COLUMNS);
  if (id === null) {
    throw invalid(
      `${file}: line 1 (header): no ID column; expected the first columns to be ID (or Key), optional Name and Type, then one column per stage; line 1 has ${header.length} column${header.length === 1 ? '' : 's'} and none is named ID or Key`,
    );
  }
  const name = find(NAME_COLUMNS);
  const type = find(TYPE_COLUMNS);
  const info: CsvLayout['info'] = [];
  const stages: CsvLayout['stages'] = [];
  const seen = new Map<string, number>();
  header.forEach((h, index) => {
    if (index === id || index === name || index === type) return;
    if (INFO_COLUMNS.includes(norm[index]!)) return info.push({ index, name: h.trim() });
    const stage = h.trim();
    if (stage === '') throw invalid(`${file}: line 1 (header), column ${index + 1}: a stage column has no name`);
    if (seen.has(stage))
      throw invalid(`${file}: line 1 (header), column ${index + 1}: stage "${clip(stage, 80)}" appears twice (also column ${seen.get(stage)! + 1})`);
    seen.set(stage, index);
    stages.push({ index, name: stage });
  });
  if (stages.length === 0) {
    throw invalid(
      `${file}: line 1 (header): no stage columns after ${clip(header.map((h) => clip(h, 40)).join(', '), 400)}; expected one column per stage holding the date the item entered it`,
    );
  }
  const url = URL_COLUMNS.map((c) => info.find((i) => norm[i.index] === c)?.index ?? null).find((i) => i !== null) ?? null;
  return { id, name, type, url, info, stages };
}

/** Parses the CSV and returns items and the rows it could not read (line, ID, column, what was expected). */
export function readStageCsv(file: string, source = 'csv'): { items: ImportedItem[]; bad: string[]; layout: CsvLayout; unlinked: number } {
  if (!fs.existsSync(file)) throw invalid(`${file}: no such file`);
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw invalid(`${file}: the file is empty; expected a header line (ID, Name, Type, stages...) and one row per item`);
  refuseHtml(file, text.trimStart().slice(0, 4096), 'CSV');
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  if (rows.length === 0) throw invalid(`${file}: no rows`);
  // Papaparse reports quote problems per row; turn them into per-line messages.
  const rowErrors = new Map<number, string>();
  for (const e of parsed.errors) if (e.row !== undefined) rowErrors.set(e.row, e.message);
  const layout = csvLayout(rows[0]!, file);
  const width = rows[0]!.length;
  // Papaparse drops blank lines, so line numbers come from its cursor-free data: recount from the text.
  const lineOf = lineNumbers(text, rows.length);
  const items: ImportedItem[] = [];
  const bad: string[] = [];
  const ids = new Map<string, number>();
  let unlinked = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = lineOf[r] ?? r + 1;
    const idText = (row[layout.id] ?? '').trim();
    const where = `${file}: line ${line}${idText ? ` (ID ${clip(idText, 80)})` : ''}`;
    if (rowErrors.has(r)) {
      bad.push(`${where}: ${rowErrors.get(r)}`);
      continue;
    }
    if (row.length !== width) {
      bad.push(`${where}: ${row.length} fields where the header has ${width}; expected one value per column (quote values that contain commas)`);
      continue;
    }
    if (idText === '') {
      bad.push(`${where}: column "${rows[0]![layout.id]}": the ID is empty`);
      continue;
    }
    if (ids.has(idText)) {
      bad.push(`${where}: ID ${clip(idText, 80)} already appears on line ${ids.get(idText)}; expected one row per item`);
      continue;
    }
    const changes: ImportedItem['changes'] = [];
    let problem: string | null = null;
    let prev: string | null = null;
    for (const s of layout.stages) {
      const cell = (row[s.index] ?? '').trim();
      if (cell === '') continue;
      const at = tryParseInstant(cell, true);
      if (at === null) {
        problem = `${where}: column "${clip(s.name, 80)}": ${preview(cell)} is not a date in a known format; expected ${INSTANT_FORMATS_EXPECTED}`;
        break;
      }
      changes.push({ at, from: prev, to: s.name, offsetMin: sourceOffsetMinutes(cell) });
      prev = s.name;
    }
    if (problem) {
      bad.push(problem);
      continue;
    }
    if (changes.length === 0) {
      bad.push(`${where}: no stage has a date; expected at least one date in ${clip(layout.stages.map((s) => `"${clip(s.name, 40)}"`).join(', '), 400)}`);
      continue;
    }
    ids.set(idText, line);
    const fields: Record<string, unknown> = {};
    for (const c of layout.info) if ((row[c.index] ?? '').trim() !== '') fields[c.name] = row[c.index]!.trim();
    const link = layout.url === null ? '' : row[layout.url]!.trim();
    const url = link === '' ? null : safeHttpsUrl(link);
    if (link !== '' && url === null) unlinked++;
    items.push({
      source,
      externalId: idText,
      key: idText,
      type: layout.type === null ? null : row[layout.type]!.trim() || null,
      title: layout.name === null ? null : row[layout.name]!.trim() || null,
      createdAt: Math.min(...changes.map((c) => c.at)),
      initialStatus: changes[0]!.to,
      labels: [],
      url,
      fields,
      // The first stage is where the item starts: its entry is the item's creation, not a move.
      changes: changes.slice(1),
    });
  }
  return { items, bad, layout, unlinked };
}

/** The 1-based line on which each non-blank CSV record starts (records may span lines inside quotes). */
function lineNumbers(text: string, count: number): number[] {
  const out: number[] = [];
  let line = 1;
  let inQuotes = false;
  let recordStart = true;
  for (let i = 0; i < text.length && out.length < count; i++) {
    const ch = text[i];
    if (recordStart && ch !== '\n' && ch !== '\r') {
      out.push(line);
      recordStart = false;
    }
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n') {
      line++;
      if (!inQuotes) recordStart = true;
    }
  }
  return out;
}

export async function importStageCsv(db: Db, file: string, options: CsvOptions = {}): Promise<ImportResult & { skippedRows: string[] }> {
  const { items, bad, layout, unlinked } = readStageCsv(file, options.source ?? 'csv');
  if (bad.length > 0 && !options.skipBadRows) {
    const shown = bad.slice(0, 20).join('\n  ');
    throw new FlowmapError(
      'invalid-input',
      `${file}: ${bad.length} row${bad.length === 1 ? '' : 's'} could not be read; nothing was imported (use --skip-bad-rows to import the others):\n  ${shown}${bad.length > 20 ? `\n  ... and ${bad.length - 20} more` : ''}`,
    );
  }
  if (items.length === 0) throw invalid(`${file}: no readable rows; nothing was imported`);
  const result = await runImport(db, { source: options.source ?? 'csv', input: file }, options, async (s) => {
    for (let i = 0; i < items.length; i++) {
      s.item(items[i]!);
      if ((i & 1023) === 1023) await s.progress('rows', i + 1, items.length);
    }
    for (const b of bad) s.warn(`skipped ${b}`);
    if (unlinked > 0) {
      const column = clip(layout.info.find((c) => c.index === layout.url)!.name, 40);
      s.warn(
        `${file}: ${unlinked} row${unlinked === 1 ? '' : 's'} of column "${column}" hold no https address (expected https://host/...); those items are imported without a link`,
      );
    }
  });
  return { ...result, skippedRows: bad };
}
