// The DevLake Jira fixtures (real Jira Cloud data) read independently of the importer: the raw issue JSON
// is one issue per CSV row in the `data` column; the status changes come from its embedded changelog.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { parseInstant } from '../../../shared/domain/instant.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const fixturesDir = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'apache-incubator-devlake');

export function readCsv(rel: string): Array<Record<string, string>> {
  const text = fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${rel}: ${parsed.errors[0]!.message}`);
  return parsed.data;
}

export interface FixtureIssue {
  id: string;
  key: string;
  type: string;
  createdAt: number;
  currentStatus: string;
  resolutionDate: number | null;
  labels: string[];
  /** Status changes in changelog order as listed by the API (newest first for the agile endpoint). */
  listed: Array<{ at: number; from: string | null; to: string; historyId: number }>;
}

interface RawHistory {
  id: string;
  created: string;
  items: Array<{ field: string; fromString: string | null; toString: string | null }>;
}

export function jiraFixtureIssues(): FixtureIssue[] {
  return readCsv('jira/raw_tables/_raw_jira_api_issues.csv').map((row) => {
    const issue = JSON.parse(row.data!) as {
      id: string;
      key: string;
      fields: { created: string; resolutiondate: string | null; status: { name: string }; issuetype: { name: string }; labels?: string[] };
      changelog: { histories: RawHistory[] };
    };
    const where = `fixture ${issue.key}`;
    const listed: FixtureIssue['listed'] = [];
    for (const h of issue.changelog.histories) {
      for (const it of h.items) {
        if (it.field === 'status') listed.push({ at: parseInstant(h.created, where), from: it.fromString, to: it.toString!, historyId: Number(h.id) });
      }
    }
    return {
      id: issue.id,
      key: issue.key,
      type: issue.fields.issuetype.name,
      createdAt: parseInstant(issue.fields.created, where),
      currentStatus: issue.fields.status.name,
      resolutionDate: issue.fields.resolutiondate ? parseInstant(issue.fields.resolutiondate, where) : null,
      labels: issue.fields.labels ?? [],
      listed,
    };
  });
}
