// Child for the concurrency test: saves its own map N times through a core, as a second window would.
import { createCore } from '../../shared/core/create-core.ts';
import { demoMap } from '../../shared/demo/demo-data.ts';

const [file, name, times] = [process.argv[2]!, process.argv[3]!, Number(process.argv[4])];
const core = createCore({ workspacePath: file });
const base = demoMap();
for (let i = 0; i < times; i++) {
  await core.saveMap({ map: { ...base, name, description: `${name} save ${i}`, steps: base.steps.map((s) => ({ ...s, notes: `${name}-${i}` })) } });
}
core.close();
