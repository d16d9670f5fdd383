/** Plain-language meaning of every payout and withdrawal state, for badges and toasts. */
import type { PayoutState, WithdrawalState } from '../../../shared/calypso/types';
import type { DraftBatch } from '../../../shared/drafts';

export type StateTone = 'waiting' | 'progress' | 'success' | 'danger' | 'warning' | 'muted';

export type StateMeaning = { label: string; description: string; tone: StateTone };

export const PAYOUT_STATE_MEANINGS: Readonly<Record<PayoutState, StateMeaning>> = {
  CREATION_IN_PROGRESS: {
    label: 'Being prepared',
    description: 'Calypso is still creating the payout. Nothing has been sent.',
    tone: 'waiting',
  },
  PENDING_CONFIRMATION: {
    label: 'Waiting for approval',
    description: 'An approver must confirm it before anything is sent.',
    tone: 'waiting',
  },
  CONFIRMED: {
    label: 'Approved, waiting to be sent',
    description:
      'Approved; it goes out at its execution date or shortly. It can still be cancelled.',
    tone: 'waiting',
  },
  IN_PROGRESS: {
    label: 'Being sent on-chain',
    description: 'The transfer is being broadcast. It can no longer be cancelled.',
    tone: 'progress',
  },
  COMPLETED: {
    label: 'Delivered',
    description: 'Every recipient was paid.',
    tone: 'success',
  },
  FAILED: {
    label: 'Failed — nothing was sent',
    description: 'The transfer failed; no funds left the account for it.',
    tone: 'danger',
  },
  CANCELED: {
    label: 'Cancelled',
    description: 'Cancelled before anything was sent.',
    tone: 'muted',
  },
  PARTIAL: {
    label: 'Some recipients failed',
    description: 'Some recipients were paid and some were not: see each recipient.',
    tone: 'warning',
  },
};

const WITHDRAWAL_MEANINGS: Readonly<Record<string, StateMeaning>> = {
  DRAFT: {
    label: 'Not sent yet',
    description: 'Waiting for its payout to start.',
    tone: 'waiting',
  },
  IN_PROGRESS: PAYOUT_STATE_MEANINGS.IN_PROGRESS,
  COMPLETED: PAYOUT_STATE_MEANINGS.COMPLETED,
  FAILED: {
    label: 'Failed — not sent',
    description: 'This transfer failed; nothing was sent to this recipient.',
    tone: 'danger',
  },
  CANCELED: PAYOUT_STATE_MEANINGS.CANCELED,
};

export function payoutStateMeaning(state: string): StateMeaning {
  return (
    (PAYOUT_STATE_MEANINGS as Readonly<Record<string, StateMeaning | undefined>>)[state] ?? {
      label: state,
      description: 'A state Payout Desk does not know yet.',
      tone: 'muted',
    }
  );
}

export function withdrawalStateMeaning(state: WithdrawalState): StateMeaning {
  return (
    WITHDRAWAL_MEANINGS[state] ?? {
      label: state,
      description: 'A state Payout Desk does not know yet.',
      tone: 'muted',
    }
  );
}

/**
 * A payment intent's state before Calypso's own payout state is known (docs/intents.md),
 * for a single payout's result and a draft batch's delivery. "Not sent" is said in those
 * words: nothing left this computer.
 */
export const DELIVERY_MEANINGS: Readonly<Record<DraftBatch['delivery'], StateMeaning>> = {
  planned: {
    label: 'Planned',
    description: 'Created when you submit the draft.',
    tone: 'muted',
  },
  'not-sent': {
    label: 'Not sent',
    description:
      'Payout Desk could not reach Calypso, so nothing was sent. It will send it when the connection returns, unless you cancel it.',
    tone: 'warning',
  },
  pending: {
    label: 'Sent — waiting for Calypso’s answer',
    description:
      'It may exist at Calypso already. Payout Desk looks it up by its request id, so it cannot be paid twice.',
    tone: 'waiting',
  },
  done: {
    label: 'Created at Calypso',
    description: 'Calypso created the payout.',
    tone: 'success',
  },
  rejected: {
    label: 'Refused by Calypso',
    description: 'Calypso refused it: nothing was created and nothing was paid.',
    tone: 'danger',
  },
  cancelled: {
    label: 'Cancelled before sending',
    description: 'You cancelled it before it was sent: nothing was paid.',
    tone: 'muted',
  },
  expired: {
    label: 'Expired — not sent',
    description:
      'It could not be sent in time and expired: nothing was paid. Confirm it again if it is still due.',
    tone: 'muted',
  },
};
