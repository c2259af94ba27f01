// Child for the import crash test: opens a workspace and imports a Jira export into it, as `vsm import jira`
// does (backup first, then one transaction), until it is killed. Prints "ready" once the workspace is open,
// "progress N" between batches and "committed" once the import has committed, then waits to be killed.
// Usage: node --import tsx test/crash/import-child.ts WORKSPACE EXPORT.json
import { importJiraFiles } from '../../shared/importers/jira-files.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';

/** Import runs are stamped with this instant so a completed import always writes the same rows. */
const CRASH_IMPORT_NOW = Date.UTC(2026, 10, 22, 12);

const [file, input] = [process.argv[2]!, process.argv[3]!];
const db = openWorkspace(file, { create: false });
process.stdout.write('ready\n');
await importJiraFiles(db, input, {
  workspacePath: file,
  now: () => CRASH_IMPORT_NOW,
  onProgress: (p) => {
    if (p.phase !== 'done') process.stdout.write(`progress ${p.done}\n`);
  },
});
process.stdout.write('committed\n');
// Stay alive (holding the workspace open) until the parent kills the process.
setInterval(() => {}, 60_000);
