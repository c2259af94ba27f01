// The import sources the panel offers, each bound to its contract method and the fields that method takes.
// Paths are on the machine that runs the core (Electron main or `vsm serve`, both local): the page sends the
// path, never the file's content. Live sources name a token service: the token itself stays with the core.
import type { MethodName } from '../../../shared/contract/contract.ts';

export type ImportMethodName = Extract<MethodName, 'importJiraFiles' | 'importJiraLive' | 'importCsv' | 'importGithubFiles' | 'importGithubLive' | 'importGit'>;

export interface ImportField {
  name: string;
  label: string;
  placeholder?: string;
  /** A choice instead of free text; the first option is the default. */
  options?: readonly { value: string; label: string }[];
  optional?: boolean;
  monospace?: boolean;
}

export interface ImportSource {
  id: string;
  label: string;
  method: ImportMethodName;
  fields: readonly ImportField[];
  hint: string;
  /** Live sources: the service whose token the core must hold. */
  service?: 'jira' | 'github';
  /** The method's input from the form's values (empty optional fields left out). */
  toInput(values: Record<string, string>): Record<string, unknown>;
}

const pathField = (label: string, placeholder: string): ImportField => ({ name: 'path', label, placeholder, monospace: true });
const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

export const IMPORT_SOURCES: readonly ImportSource[] = [
  {
    id: 'jira',
    label: 'Jira export',
    method: 'importJiraFiles',
    fields: [
      pathField('File or folder', '/path/to/jira-search.json'),
      { name: 'timeZone', label: 'Time zone of dates without an offset', placeholder: 'Europe/Berlin', optional: true, monospace: true },
    ],
    hint: "Search responses with expand=changelog, issue arrays, NDJSON, or a folder of issue files (other JSON there, such as jirametrics' board configuration, is listed as skipped). Dates such as 2018-01-01 01:01:01 need the time zone they were written in",
    toInput: (v) => ({ path: v.path?.trim(), timeZone: nonEmpty(v.timeZone) }),
  },
  {
    id: 'jira-live',
    label: 'Jira (live)',
    method: 'importJiraLive',
    service: 'jira',
    fields: [
      { name: 'baseUrl', label: 'Site URL', placeholder: 'https://your-site.atlassian.net', monospace: true },
      { name: 'jql', label: 'JQL', placeholder: 'project = ABC ORDER BY created', monospace: true },
      {
        name: 'deployment',
        label: 'Deployment',
        options: [
          { value: 'cloud', label: 'Jira Cloud (email + API token)' },
          { value: 'server', label: 'Server / Data Center (personal access token)' },
        ],
      },
      { name: 'email', label: 'Email (Cloud)', placeholder: 'you@example.com', optional: true },
    ],
    hint: 'Fetches every matching issue with its full changelog; later runs fetch only issues updated since the last one',
    toInput: (v) => ({
      baseUrl: v.baseUrl?.trim(),
      jql: v.jql?.trim(),
      deployment: v.deployment || 'cloud',
      ...(nonEmpty(v.email) ? { email: nonEmpty(v.email) } : {}),
    }),
  },
  {
    id: 'csv',
    label: 'Stage-date CSV',
    method: 'importCsv',
    fields: [pathField('CSV file', '/path/to/stages.csv')],
    hint: 'ID, optional Name and Type, then one column per stage with the date the item entered it',
    toInput: (v) => ({ path: v.path?.trim() }),
  },
  {
    id: 'github',
    label: 'GitHub export',
    method: 'importGithubFiles',
    fields: [pathField('Folder', '/path/to/github-export/')],
    hint: 'Issues, pull requests, reviews, timelines, releases and deployments saved from the REST API',
    toInput: (v) => ({ path: v.path?.trim() }),
  },
  {
    id: 'github-live',
    label: 'GitHub (live)',
    method: 'importGithubLive',
    service: 'github',
    fields: [
      { name: 'repo', label: 'Repository', placeholder: 'owner/name', monospace: true },
      { name: 'apiUrl', label: 'API URL (GitHub Enterprise)', placeholder: 'https://api.github.com', optional: true, monospace: true },
    ],
    hint: 'Issues, pull requests with reviews and timelines, releases and deployments; later runs fetch only what changed',
    toInput: (v) => ({ repo: v.repo?.trim(), ...(nonEmpty(v.apiUrl) ? { apiUrl: nonEmpty(v.apiUrl) } : {}) }),
  },
  {
    id: 'git',
    label: 'Git repository',
    method: 'importGit',
    fields: [pathField('Repository folder', '/path/to/repo')],
    hint: 'Commits and release tags (work tree or bare), for DORA figures',
    toInput: (v) => ({ path: v.path?.trim() }),
  },
];

/** True when every required field has a value. */
export function isComplete(source: ImportSource, values: Record<string, string>): boolean {
  return source.fields.every((f) => f.optional || f.options || (values[f.name] ?? '').trim() !== '');
}
