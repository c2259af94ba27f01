// The import sources the panel offers, each bound to its contract method. Paths are on the machine that runs
// the core (Electron main or `vsm serve`, both local): the page sends the path, never the file's content.
import type { MethodName } from '../../../shared/contract/contract.ts';

export type ImportMethodName = Extract<MethodName, 'importJiraFiles' | 'importCsv' | 'importGithubFiles' | 'importGit'>;

export interface ImportSource {
  id: string;
  label: string;
  method: ImportMethodName;
  pathLabel: string;
  placeholder: string;
  hint: string;
}

export const IMPORT_SOURCES: readonly ImportSource[] = [
  {
    id: 'jira',
    label: 'Jira export',
    method: 'importJiraFiles',
    pathLabel: 'File or folder',
    placeholder: '/path/to/jira-search.json',
    hint: 'Search responses with expand=changelog, issue arrays, NDJSON, or a folder of issue files',
  },
  {
    id: 'csv',
    label: 'Stage-date CSV',
    method: 'importCsv',
    pathLabel: 'CSV file',
    placeholder: '/path/to/stages.csv',
    hint: 'ID, optional Name and Type, then one column per stage with the date the item entered it',
  },
  {
    id: 'github',
    label: 'GitHub export',
    method: 'importGithubFiles',
    pathLabel: 'Folder',
    placeholder: '/path/to/github-export/',
    hint: 'Issues, pull requests, reviews, timelines, releases and deployments saved from the REST API',
  },
  {
    id: 'git',
    label: 'Git repository',
    method: 'importGit',
    pathLabel: 'Repository folder',
    placeholder: '/path/to/repo',
    hint: 'Commits and release tags (work tree or bare), for DORA figures',
  },
];
