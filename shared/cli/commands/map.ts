// `vsm map import FILE | export NAME | list --workspace WS`: vsm-map documents in and out of a workspace.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { FlowmapError } from '../../domain/errors.ts';
import { writeFileAtomic } from '../../store/atomic-file.ts';
import { openCore } from '../open-core.ts';
import { print, printJson } from '../terminal-output.ts';

export function registerMapCommand(program: Command): void {
  const map = program.command('map').description('import, export and list value-stream maps (vsm-map version 1 JSON)');
  map
    .command('import <file>')
    .description('validate a vsm-map file and save it in the workspace (replacing a map of the same name)')
    .option('--workspace <file>', 'workspace file (.vsm); created when missing, as `vsm import` does')
    .option('--create', 'accepted for older scripts: the workspace is created when missing anyway')
    .option('--if-revision <n>', 'replace the map only if it is still at this revision (as `vsm map list` shows it)')
    .action(async (file: string, o: { workspace?: string; ifRevision?: string }) => {
      const baseRevision = o.ifRevision === undefined ? undefined : Number(o.ifRevision);
      if (baseRevision !== undefined && !(Number.isInteger(baseRevision) && baseRevision >= 1)) {
        throw new FlowmapError('invalid-input', `--if-revision ${JSON.stringify(o.ifRevision)}: expected a revision number (1, 2, …)`);
      }
      let text: string;
      try {
        text = fs.readFileSync(path.resolve(file), 'utf8');
      } catch (e) {
        throw new FlowmapError('not-found', `cannot read ${file}: ${(e as Error).message}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new FlowmapError('invalid-input', `${file} is not JSON: ${(e as Error).message}`);
      }
      // Checked before the workspace is opened, so a bad file never leaves a new, empty workspace behind.
      (await import('../../store/map-repo.ts')).parseMapDoc(json, file);
      const core = await openCore(o, { create: true });
      try {
        const { id, revision, replaced } = await core.call('saveMap', { map: json, source: file, ...(baseRevision !== undefined ? { baseRevision } : {}) });
        const doc = (await core.call('getMap', { mapId: id }))!;
        const now = `${doc.steps.length} steps, id ${id}, revision ${revision}`;
        print(
          replaced === null
            ? `imported map "${doc.name}" (${now})\n`
            : `replaced map "${doc.name}" (revision ${replaced.revision}, ${replaced.steps} steps, last saved ${new Date(replaced.updatedAt).toISOString()}) with ${file} (${now})\n`,
        );
      } finally {
        core.close();
      }
    });
  map
    .command('export <name>')
    .description('print a map as a vsm-map JSON document')
    .option('--workspace <file>', 'workspace file (.vsm)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (name: string, o: { workspace?: string; out?: string }) => {
      const core = await openCore(o);
      try {
        const { id: _id, updatedAt: _u, revision: _r, ...doc } = (await core.call('getMap', { name }))!;
        const text = `${JSON.stringify(doc, null, 2)}\n`;
        if (o.out) writeFileAtomic(path.resolve(o.out), text);
        else printJson(doc);
      } finally {
        core.close();
      }
    });
  map
    .command('list')
    .description('list the maps of a workspace')
    .option('--workspace <file>', 'workspace file (.vsm)')
    .option('--json', 'JSON output')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      const core = await openCore(o);
      try {
        const maps = await core.call('listMaps', {});
        if (o.json) printJson(maps);
        else if (maps.length === 0) print('no maps in this workspace\n');
        else for (const m of maps) print(`${m.name}\t${m.steps} steps\trevision ${m.revision}\tupdated ${new Date(m.updatedAt).toISOString()}\n`);
      } finally {
        core.close();
      }
    });
}
