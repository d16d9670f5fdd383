import type { RowProblem, RowVerdict } from '../../../../shared/drafts';
import { VERDICT_MEANINGS } from './verdicts';

type Props = { verdict: RowVerdict; problems?: readonly RowProblem[] };

/** A row's verdict; the problems' own sentences are in the tooltip. */
export function VerdictBadge({ verdict, problems = [] }: Props) {
  const meaning = VERDICT_MEANINGS[verdict];
  const title =
    problems.length > 0
      ? problems.map((problem) => problem.message).join('\n')
      : meaning.description;
  return (
    <span className={`badge badge-${meaning.tone}`} data-verdict={verdict} title={title}>
      {meaning.label}
    </span>
  );
}
