/**
 * A small clock drawn inline, for "scheduled": the ⏱ character it replaces is missing from
 * some systems' fonts and showed as an empty box (issue 11, part 5). The label is spoken and
 * shown as the tooltip.
 */
export function ScheduledIcon({ label }: { label: string }) {
  return (
    <svg
      className="scheduled-icon"
      role="img"
      aria-label={label}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
    >
      <title>{label}</title>
      <circle cx="8" cy="8" r="6.2" />
      <path d="M8 4.6V8l2.4 1.6" />
    </svg>
  );
}
