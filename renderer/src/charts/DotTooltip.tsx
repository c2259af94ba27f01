// The tooltip of a dot under the pointer (or the keyboard): a ring around it and its text, haloed so it reads
// over the other dots, placed on the side of the dot with room for it. Shared by the scatter and aging WIP.
export function DotTooltip({
  testId,
  cx,
  cy,
  r,
  ring,
  text,
  width,
  top,
}: {
  testId: string;
  cx: number;
  cy: number;
  r: number;
  ring: string;
  /** Imported keys and statuses: rendered as React text, never markup. */
  text: string;
  /** The plot's width, and the lowest y the text may take. */
  width: number;
  top: number;
}) {
  const left = cx > width - 360;
  return (
    <g data-testid={testId} pointerEvents="none">
      <circle cx={cx} cy={cy} r={r} fill="none" stroke={ring} strokeWidth={2.5} />
      <text
        x={left ? cx - 10 : cx + 10}
        y={Math.max(top, cy - 10)}
        textAnchor={left ? 'end' : 'start'}
        fontSize={14}
        fontWeight={700}
        fill="#0f172a"
        stroke="#fff"
        strokeWidth={4}
        paintOrder="stroke"
      >
        {text}
      </text>
    </g>
  );
}
