// Imports over the contract: each runs in one transaction, reports `importProgress` events between batches
// and can be cancelled by id (it then rolls back). Inputs are file paths and options, validated by the contract.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FlowmapError } from '../../domain/errors.ts';
import { LIMITS } from '../../domain/limits.ts';
import { importStageCsv } from '../../importers/csv-stages.ts';
import { computeDora } from '../../metrics/dora.ts';
import { importGitRepository } from '../../importers/git.ts';
import { importGithubFiles } from '../../importers/github-files.ts';
import { importGithubLive } from '../../importers/github-live.ts';
import { importJiraFiles } from '../../importers/jira-files.ts';
import { importJiraLive } from '../../importers/jira-live.ts';
import type { ImportOptions, ImportResult } from '../../importers/session.ts';
import type { CoreContext, CredentialService } from '../context.ts';
import { checkSite, DEFAULT_GITHUB_API } from '../credential-site.ts';
import type { MethodImpls } from '../method-impls.ts';

type ImportMethod =
  'importJiraFiles' | 'importJiraLive' | 'importCsv' | 'importGit' | 'importGithubFiles' | 'importGithubLive' | 'cancelImport' | 'doraMetrics';

const HOW_TO_BIND: Record<CredentialService, Record<'keychain' | 'environment' | 'none', string>> = {
  jira: {
    keychain: 'store the token again in the import dialog with the site it belongs to',
    environment: 'start `vsm` with JIRA_BASE_URL (or `vsm serve --jira-url`) set to the Jira site the token belongs to',
    none: 'give the token with the site it belongs to',
  },
  github: {
    keychain: 'store the token again in the import dialog with the API URL it belongs to',
    environment: 'start `vsm` with GITHUB_API_URL (or `vsm serve --github-api-url`, or `--api-url`) set to the GitHub API the token belongs to',
    none: 'give the token with the API URL it belongs to',
  },
};

/**
 * An import's file argument, resolved: a folder, or a regular file no larger than LIMITS.importFileBytes. A
 * device or pipe (/dev/zero, a FIFO) would never end, so it is refused before anything reads it.
 */
function importPath(input: string, expected: string): string {
  const file = path.resolve(input);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return file; // the importer names a missing file in its own words
  }
  if (st.isDirectory()) return file;
  if (!st.isFile()) throw new FlowmapError('invalid-input', `${file}: not a regular file (a device, pipe or socket); expected ${expected}`);
  if (st.size > LIMITS.importFileBytes) {
    throw new FlowmapError(
      'invalid-input',
      `${file}: ${st.size.toLocaleString('en-US')} bytes; an import file may be at most ${LIMITS.importFileBytes.toLocaleString('en-US')} bytes (4 GiB): split the export`,
    );
  }
  return file;
}

export function importMethods(ctx: CoreContext): MethodImpls<ImportMethod> {
  const running = new Map<string, AbortController>();

  /** The token for `service`, only if this import goes to the site it is bound to (checked before any request). */
  function tokenFor(service: CredentialService, url: string): string | null {
    const token = ctx.credentials.get(service);
    if (token === null) return null;
    const bound = ctx.credentials.site?.(service) ?? null;
    checkSite(service, url, bound, ctx.allowLoopbackHttp, HOW_TO_BIND[service][ctx.credentials.kind ?? 'none']);
    ctx.secretsInUse.add(token);
    return token;
  }

  async function run<R extends ImportResult>(importId: string | undefined, body: (options: ImportOptions) => Promise<R>): Promise<R & { importId: string }> {
    const id = importId ?? randomUUID();
    if (running.has(id)) throw new FlowmapError('invalid-input', `an import with id ${id} is already running`);
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const result = await body({
        signal: controller.signal,
        workspacePath: ctx.workspacePath,
        now: () => ctx.clock.now(),
        onProgress: (p) => ctx.emit('importProgress', { importId: id, phase: p.phase, done: p.done, ...(p.total === undefined ? {} : { total: p.total }) }),
      });
      ctx.emit('workspaceChanged', { what: 'items' });
      return { ...result, importId: id };
    } finally {
      running.delete(id);
    }
  }

  return {
    importJiraFiles: (q) => run(q.importId, (o) => importJiraFiles(ctx.db, importPath(q.path, 'a Jira export file or folder'), { ...o, timeZone: q.timeZone })),
    // The token is read here, in the process that holds it, and goes no further than the HTTP client.
    importJiraLive: (q) => {
      const token = tokenFor('jira', q.baseUrl);
      if (token === null) {
        throw new FlowmapError(
          'unauthorized',
          `no Jira token: the CLI reads JIRA_API_TOKEN (Jira Cloud API token, with --email or JIRA_EMAIL) or JIRA_PAT (Server/Data Center personal access token); the app keeps it in its Jira credentials setting`,
        );
      }
      return run(q.importId, (o) =>
        importJiraLive(ctx.db, { ...o, baseUrl: q.baseUrl, jql: q.jql, deployment: q.deployment, email: q.email, full: q.full, token }),
      );
    },
    importCsv: (q) =>
      run(q.importId, (o) => importStageCsv(ctx.db, importPath(q.path, 'a stage-date CSV file'), { ...o, skipBadRows: q.skipBadRows, source: q.source })),
    importGit: (q) =>
      run(q.importId, (o) =>
        importGitRepository(ctx.db, path.resolve(q.path), { ...o, releasePattern: q.releasePattern, hotfixPattern: q.hotfixPattern, repo: q.repo }),
      ),
    importGithubFiles: (q) =>
      run(q.importId, (o) => importGithubFiles(ctx.db, importPath(q.path, 'a folder of GitHub REST responses'), { ...o, repo: q.repo })),
    // The token is read here, in the process that holds it, and goes no further than the HTTP client.
    importGithubLive: (q) =>
      run(q.importId, async (o) =>
        importGithubLive(ctx.db, { ...o, repo: q.repo, apiUrl: q.apiUrl, full: q.full, token: tokenFor('github', q.apiUrl ?? DEFAULT_GITHUB_API) }),
      ),
    cancelImport: (q) => {
      const c = running.get(q.importId);
      c?.abort();
      return { cancelled: c !== undefined };
    },
    doraMetrics: (q) =>
      computeDora(ctx.db, {
        from: q.from === undefined ? undefined : Date.parse(q.from),
        to: q.to === undefined ? undefined : Date.parse(q.to),
        repo: q.repo,
      }),
  };
}
