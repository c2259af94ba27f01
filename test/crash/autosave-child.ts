// Child for the crash test: autosaves a map as fast as it can, alternating between two versions,
// until it is killed. Prints "ready" after the first save.
import { demoMap } from '../../shared/demo/demo-data.ts';
import { saveMap } from '../../shared/store/map-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { autosaveVersion } from './autosave-versions.ts';

const db = openWorkspace(process.argv[2]!);
const base = demoMap();
let n = 0;
saveMap(db, autosaveVersion(base, 0), n);
process.stdout.write('ready\n');
for (;;) {
  n++;
  saveMap(db, autosaveVersion(base, n % 2), n);
}
