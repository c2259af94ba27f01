// The part every GitHub import shares, whether the bundle came from saved files or from the live API:
// normalize it (a PR's "Released" comes from the git tags already in the workspace when there are any)
// and write it in one import session. Node only.
import { FlowmapError } from '../domain/errors.ts';
import type { ImportedItem } from '../store/import-repo.ts';
import type { Db } from '../store/open-workspace.ts';
import { GITHUB_SOURCE, normalizeGithub, type GithubBundle } from './github-normalize.ts';
import { runImport, type ImportOptions, type ImportResult, type ImportSession } from './session.ts';
import { closingLinks, gitReleaseTimeOfCommit } from '../store/github-repo.ts';

export interface GithubImportMeta {
  /** What the import is recorded under and errors are prefixed with: a folder, or `owner/repo`. Never a token. */
  input: string;
  warnings?: string[];
  /**
   * The bundle holds only what changed since the last sync: items outside it stay as they are, so the
   * links between a re-imported item and an untouched one are kept from the workspace.
   */
  incremental?: boolean;
  /** Runs inside the import's transaction after the items are written (the live importer's sync state). */
  afterWrite?: (session: ImportSession) => void;
}

export async function importGithubBundle(db: Db, bundle: GithubBundle, meta: GithubImportMeta, options: ImportOptions = {}): Promise<ImportResult> {
  const gitReleaseOf = gitReleaseTimeOfCommit(db);
  let normalized: ReturnType<typeof normalizeGithub>;
  try {
    normalized = normalizeGithub(bundle, { gitReleaseOf });
  } catch (e) {
    // Records are named by list and index (pulls[3]); the input says where they came from.
    throw new FlowmapError(e instanceof FlowmapError ? e.code : 'invalid-input', `${meta.input}: ${(e as Error).message}`);
  }
  return runImport(db, { source: GITHUB_SOURCE, input: meta.input }, options, async (s) => {
    for (const w of meta.warnings ?? []) s.warn(w);
    for (const r of normalized.releases) s.release(r);
    const keep = meta.incremental ? linkKeeper(db) : null;
    for (let i = 0; i < normalized.items.length; i++) {
      const item = normalized.items[i]!;
      // Pull requests come before issues, so an issue sees the `closes` links its PRs were just given.
      keep?.before(item);
      // The GitHub REST API writes every timestamp in UTC (`…Z`): each change's source offset is 0.
      s.item({ ...item, changes: item.changes.map((c) => ({ ...c, offsetMin: 0 })) });
      keep?.after(item);
      if ((i & 511) === 511) await s.progress('items', i + 1, normalized.items.length);
    }
    meta.afterWrite?.(s);
  });
}

/** Keeps `closes`/`closed-by` pairs whole when only one side of the pair is in an incremental bundle. */
function linkKeeper(db: Db) {
  const links = closingLinks(db);
  return {
    before(item: ImportedItem) {
      if (item.type === 'Pull request') return;
      const own = (item.links ??= []);
      for (const key of links.closersOf(GITHUB_SOURCE, item.key)) {
        if (!own.some((l) => l.kind === 'closed-by' && l.targetKey === key)) own.push({ kind: 'closed-by', targetSource: GITHUB_SOURCE, targetKey: key });
      }
    },
    after(item: ImportedItem) {
      if (item.type !== 'Pull request') return;
      for (const l of item.links ?? []) if (l.kind === 'closes') links.addClosedBy(GITHUB_SOURCE, item.key, l.targetKey);
    },
  };
}
