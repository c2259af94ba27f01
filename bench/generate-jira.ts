// A synthetic Jira Cloud export for the import benchmark: N issues with `expand=changelog`, about ten status
// changes each plus assignee, Flagged and Rank changes, written as an array of search-response pages of 100
// (what saving every page of /rest/api/3/search gives). Deterministic; streamed to disk.
// Usage: tsx bench/generate-jira.ts OUT.json [ISSUES=50000]
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../shared/metrics/forecast.ts';

const STATUSES = [
  ['10000', 'To Do'],
  ['10001', 'Ready for Dev'],
  ['3', 'In Progress'],
  ['10002', 'Code Review'],
  ['10003', 'Ready for QA'],
  ['10004', 'In QA'],
  ['10005', 'Ready to Deploy'],
  ['10006', 'Done'],
] as const;
const TYPES = ['Story', 'Bug', 'Task', 'Spike'];
const PEOPLE = Array.from({ length: 40 }, (_, i) => ({ accountId: `5e97${String(1000 + i)}`, displayName: `Person ${i}` }));

/** Jira's own timestamp form, in +0100. */
function jiraTime(ms: number): string {
  const d = new Date(ms + 3_600_000);
  return `${d.toISOString().slice(0, 23)}+0100`;
}

function user(p: { accountId: string; displayName: string }) {
  return { accountId: p.accountId, displayName: p.displayName };
}

export function generateIssue(i: number, random: () => number): { issue: object; statusChanges: number } {
  const created = Date.UTC(2025, 0, 1) + Math.floor(random() * 330 * 86_400_000);
  let t = created;
  let hid = i * 40;
  const histories: object[] = [];
  let from: (typeof STATUSES)[number] = STATUSES[0];
  let statusChanges = 0;
  // ~10 status moves: forwards through the workflow with some backward moves (rework).
  let pos = 0;
  const moves = 9 + Math.floor(random() * 3);
  for (let m = 0; m < moves; m++) {
    t += Math.floor(random() * 3 * 86_400_000);
    const back = pos > 2 && random() < 0.15;
    pos = back ? pos - 1 : Math.min(pos + 1, STATUSES.length - 1);
    if (STATUSES[pos] === from) pos = Math.max(0, pos - 1);
    const to = STATUSES[pos]!;
    const items: object[] = [{ field: 'status', fieldtype: 'jira', from: from[0], fromString: from[1], to: to[0], toString: to[1] }];
    if (m === 1) {
      const p = PEOPLE[Math.floor(random() * PEOPLE.length)]!;
      items.push({ field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: null, fromString: null, to: p.accountId, toString: p.displayName });
    }
    histories.push({ id: String(++hid), author: user(PEOPLE[i % PEOPLE.length]!), created: jiraTime(t), items });
    statusChanges++;
    from = to;
    if (random() < 0.08) {
      histories.push({
        id: String(++hid),
        author: user(PEOPLE[(i + 3) % PEOPLE.length]!),
        created: jiraTime(t + 3_600_000),
        items: [{ field: 'Flagged', fieldtype: 'custom', fieldId: 'customfield_10021', from: null, fromString: null, to: '[10019]', toString: 'Impediment' }],
      });
      histories.push({
        id: String(++hid),
        author: user(PEOPLE[(i + 3) % PEOPLE.length]!),
        created: jiraTime(t + 30 * 3_600_000),
        items: [{ field: 'Flagged', fieldtype: 'custom', fieldId: 'customfield_10021', from: '[10019]', fromString: 'Impediment', to: null, toString: null }],
      });
    }
  }
  const done = from[1] === 'Done';
  const issue = {
    id: String(100000 + i),
    key: `FLOW-${i + 1}`,
    fields: {
      summary: `Work item ${i + 1}`,
      issuetype: { id: '10001', name: TYPES[i % TYPES.length], subtask: false },
      project: { id: '10000', key: 'FLOW', name: 'Flow' },
      created: jiraTime(created),
      updated: jiraTime(t),
      resolutiondate: done ? jiraTime(t) : null,
      resolution: done ? { id: '10000', name: 'Done' } : null,
      status: { id: from[0], name: from[1], statusCategory: { id: done ? 3 : 4, key: done ? 'done' : 'indeterminate' } },
      labels: i % 5 === 0 ? ['customer', 'q3'] : [],
      components: i % 3 === 0 ? [{ id: '10100', name: 'api' }] : [],
      priority: { id: '3', name: 'Medium' },
      assignee: user(PEOPLE[i % PEOPLE.length]!),
      reporter: user(PEOPLE[(i + 7) % PEOPLE.length]!),
      parent: i % 10 === 0 ? null : { id: String(100000 + i - (i % 10)), key: `FLOW-${i - (i % 10) + 1}` },
    },
    changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories: histories.reverse() },
  };
  return { issue, statusChanges };
}

export function generateJiraExport(out: string, count = 50_000): { issues: number; statusChanges: number; bytes: number } {
  const random = mulberry32(42);
  const fd = fs.openSync(out, 'w');
  let statusChanges = 0;
  try {
    fs.writeSync(fd, '[');
    for (let p = 0; p * 100 < count; p++) {
      const n = Math.min(100, count - p * 100);
      const issues: string[] = [];
      for (let k = 0; k < n; k++) {
        const g = generateIssue(p * 100 + k, random);
        statusChanges += g.statusChanges;
        issues.push(JSON.stringify(g.issue));
      }
      fs.writeSync(fd, `${p ? ',\n' : ''}{"expand":"schema,names","startAt":${p * 100},"maxResults":100,"total":${count},"issues":[${issues.join(',')}]}`);
    }
    fs.writeSync(fd, ']\n');
  } finally {
    fs.closeSync(fd);
  }
  return { issues: count, statusChanges, bytes: fs.statSync(out).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: tsx bench/generate-jira.ts OUT.json [ISSUES]');
  console.log(JSON.stringify(generateJiraExport(out, Number(process.argv[3] ?? 50_000))));
}
