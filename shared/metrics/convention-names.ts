// The named conventions alone, dependency-free, so the CLI can check a flag without loading zod or d3.
export const CONVENTION_NAMES = ['flowmap', 'jirametrics', 'jira-agile-metrics', 'actionable-agile'] as const;
export type ConventionName = (typeof CONVENTION_NAMES)[number];

export function isConventionName(v: string): v is ConventionName {
  return (CONVENTION_NAMES as readonly string[]).includes(v);
}
