/** A batch's recipients by state, for its stacked bar (shared/recipient-tally.ts). */
import { describe, expect, it } from 'vitest';
import { recipientStatesText, tallyRecipients, tallyTotal } from '../../../shared/recipient-tally';

describe('recipient tally', () => {
  it('counts paid, moving and failed recipients; cancelled is not paid', () => {
    const tally = tallyRecipients([
      'COMPLETED',
      'COMPLETED',
      'IN_PROGRESS',
      'DRAFT',
      'FAILED',
      'CANCELED',
      'SOMETHING_NEW',
    ]);
    expect(tally).toEqual({ completed: 2, inProgress: 3, failed: 2 });
    expect(tallyTotal(tally)).toBe(7);
  });

  it('is empty for no recipients', () => {
    expect(tallyRecipients([])).toEqual({ completed: 0, inProgress: 0, failed: 0 });
  });

  it('says the counts in words for the bar’s label', () => {
    expect(recipientStatesText({ completed: 3, inProgress: 1, failed: 0 })).toBe(
      '3 completed, 1 in progress, 0 failed of 4 recipients',
    );
    expect(recipientStatesText({ completed: 1, inProgress: 0, failed: 0 })).toBe(
      '1 completed, 0 in progress, 0 failed of 1 recipient',
    );
  });
});
