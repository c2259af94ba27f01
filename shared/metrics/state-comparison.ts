// Current state, future state and measured-after (issue 8): the baseline / target / gain table over the
// ladders' totals. Pure and browser-safe; the core feeds it the ladders it computed.
import { z } from 'zod';
import { LaddersSchema, type Ladders } from './ladder.ts';

export const COMPARED_FIGURES = ['totalLeadTimeHours', 'totalProcessTimeHours', 'activityRatio', 'rolledPercentCompleteAccurate'] as const;
export type ComparedFigure = (typeof COMPARED_FIGURES)[number];

const FIGURE_FACTS: Record<ComparedFigure, { label: string; unit: 'hours' | 'ratio'; better: 'lower' | 'higher' }> = {
  totalLeadTimeHours: { label: 'Lead time (main path)', unit: 'hours', better: 'lower' },
  totalProcessTimeHours: { label: 'Process time (main path)', unit: 'hours', better: 'lower' },
  activityRatio: { label: 'Activity ratio', unit: 'ratio', better: 'higher' },
  rolledPercentCompleteAccurate: { label: 'Rolled %C&A', unit: 'ratio', better: 'higher' },
};

export const ComparisonRowSchema = z.object({
  figure: z.enum(COMPARED_FIGURES),
  label: z.string(),
  unit: z.enum(['hours', 'ratio']),
  better: z.enum(['lower', 'higher']),
  /** Where the improvement starts: the baseline snapshot's measured figure, else today's measured, else the current state's estimate. */
  reference: z.number().nullable(),
  /** The future state's estimate. */
  target: z.number().nullable(),
  /** target − reference (negative lead time = faster). */
  gain: z.number().nullable(),
  /** gain / reference; null when the reference is 0 or missing. */
  relativeGain: z.number().nullable(),
  /** The current state's measured figure today (measured-after). */
  now: z.number().nullable(),
  /** Share of the planned change achieved so far: (now − reference) / (target − reference); null without a baseline or a planned change. */
  achieved: z.number().nullable(),
});
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>;

const StateSchema = z.object({ mapId: z.number().int(), name: z.string(), ladder: LaddersSchema });

export const StateComparisonSchema = z.object({
  current: StateSchema,
  future: StateSchema.nullable(),
  baseline: z
    .object({
      id: z.number().int(),
      name: z.string(),
      takenAt: z.string(),
      asOf: z.string(),
      window: z.object({ from: z.string(), to: z.string() }),
      ladder: LaddersSchema,
    })
    .nullable(),
  reference: z.enum(['baseline', 'current-measured', 'current-estimate']),
  rows: z.array(ComparisonRowSchema),
});
export type StateComparison = z.infer<typeof StateComparisonSchema>;

type LadderTotals = NonNullable<Ladders['estimate']> | NonNullable<Ladders['measured']>;
const pick = (l: LadderTotals | null, f: ComparedFigure): number | null => (l === null ? null : l[f]);

/** The gain table: reference → target, and how far today's measurement has moved from the reference. */
export function compareLadders(input: { current: Ladders; future: Ladders | null; baseline: Ladders | null }): Pick<StateComparison, 'reference' | 'rows'> {
  const reference: StateComparison['reference'] = input.baseline?.measured ? 'baseline' : input.current.measured ? 'current-measured' : 'current-estimate';
  const refLadder = reference === 'baseline' ? input.baseline!.measured : reference === 'current-measured' ? input.current.measured : input.current.estimate;
  const rows = COMPARED_FIGURES.map((figure) => {
    const ref = pick(refLadder, figure);
    const target = pick(input.future?.estimate ?? null, figure);
    const now = pick(input.current.measured, figure);
    const gain = ref !== null && target !== null ? target - ref : null;
    const achieved = reference === 'baseline' && gain !== null && gain !== 0 && now !== null && ref !== null ? (now - ref) / gain : null;
    return {
      figure,
      ...FIGURE_FACTS[figure],
      reference: ref,
      target,
      gain,
      relativeGain: gain !== null && ref !== null && ref !== 0 ? gain / ref : null,
      now,
      achieved,
    };
  });
  return { reference, rows };
}
