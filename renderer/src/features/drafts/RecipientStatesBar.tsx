import type { RecipientTally } from '../../../../shared/recipient-tally';
import { recipientStatesText, tallyTotal } from '../../../../shared/recipient-tally';
import { formatCount } from '../../lib/format';

const WIDTH = 80;
const HEIGHT = 8;

/**
 * One batch's recipients as a small stacked bar: completed, in progress, failed. The
 * picture is for the eye; its label says the counts ("3 completed, 1 in progress, 0 failed
 * of 4 recipients"), and so does its tooltip.
 */
export function RecipientStatesBar({ tally }: { tally: RecipientTally | null | undefined }) {
  if (!tally) return <span className="muted">—</span>;
  const total = tallyTotal(tally);
  const words = recipientStatesText(tally, formatCount);
  const parts = [
    { key: 'completed', count: tally.completed },
    { key: 'in-progress', count: tally.inProgress },
    { key: 'failed', count: tally.failed },
  ];
  let x = 0;
  return (
    <svg
      role="img"
      aria-label={words}
      className="recipient-states"
      width={WIDTH}
      height={HEIGHT}
      data-testid="recipient-states"
    >
      <title>{words}</title>
      {parts.map((part) => {
        // Drawing only: a width from the share of the count.
        const width = total === 0 ? 0 : (part.count / total) * WIDTH;
        const rect = (
          <rect
            key={part.key}
            className={`recipient-state-${part.key}`}
            x={x}
            y={0}
            width={width}
            height={HEIGHT}
          />
        );
        x += width;
        return rect;
      })}
    </svg>
  );
}
