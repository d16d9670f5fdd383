/**
 * The single-payout form and its confirmation. The confirmation step owns one requestId,
 * made when it opens: Confirm, a double click, or "Try again" after an error all send that
 * same id, and main turns it into exactly one payout. Going back and changing nothing keeps
 * the id; changing the payout makes a new one. Nothing typed is lost on an error.
 * The confirmation shows the payload main previewed (previewPayout) and Confirm sends its
 * hash back: main refuses to sign anything else (docs/intents.md).
 */
import type { AcceptableRisk } from '../../../../shared/address-risk';
import { findCurrency } from '../../../../shared/networks';
import { checkRecipient, networkLabelOf, type RuleProblem } from '../../../../shared/payout-rules';
import type {
  DeskArgument,
  DeskError,
  DeskResult,
  IntentStatus,
  PayoutPreview,
  ProfileEnvironment,
  SubmittedPayout,
} from '../../../../shared/ipc';
import { localInputToIso } from '../../lib/format';
import { payoutsService } from '../../services/desk-service';
import type { SliceCreator } from '../../stores/types';

export type PayoutFormValues = {
  currency: string;
  depositAddress: string;
  amount: string;
  comment: string;
  /** `<input type="datetime-local">` value; '' sends at once. */
  executionDate: string;
};

export type PayoutRequest = {
  requestId: string;
  profileId: string;
  profileName: string;
  environment: ProfileEnvironment;
  networkLabel: string;
  input: DeskArgument<'previewPayout'>;
};

/** The previewed payload of the confirmation, or why main refused to build it. */
export type PayoutPreviewState =
  | { status: 'loading' }
  | { status: 'ready'; preview: PayoutPreview }
  | { status: 'failed'; error: DeskError };

export type PayoutStep = 'form' | 'confirm' | 'result';

export type NewPayoutSlice = {
  payoutForm: PayoutFormValues;
  /** The profile the confirmation, its result and its error are about (selectPayoutResult). */
  payoutProfileId: string | null;
  payoutStep: PayoutStep;
  payoutRequest: PayoutRequest | null;
  payoutSubmitting: boolean;
  payoutError: DeskError | null;
  payoutResult: SubmittedPayout | null;
  payoutPreview: PayoutPreviewState | null;
  /** Risk errors of the previewed address the person checked and accepted (a look-alike). */
  payoutAcceptedRisks: AcceptableRisk[];
  payoutCancelling: boolean;
  acceptPayoutRisk: (code: AcceptableRisk, accepted: boolean) => void;
  setPayoutField: (field: keyof PayoutFormValues, value: string) => void;
  reviewPayout: () => boolean;
  editPayout: () => void;
  abandonConfirmation: () => void;
  /**
   * Another profile was chosen: its New payout shows the form, with no confirmation, result
   * card or error of this one. What was typed stays. A request whose outcome is not known
   * (no answer, not sent, or refused) is kept, so confirming the same payout again on its
   * profile reuses its requestId and can never pay it twice.
   */
  leavePayoutFlow: () => void;
  confirmPayout: () => Promise<void>;
  /** After a "pending" answer: asks again with the same requestId (never a second payout). */
  recheckPayout: () => Promise<void>;
  /** Cancels the result's intent while it is not sent (never once it may exist). */
  cancelUnsentPayout: () => Promise<void>;
  /** Cancels any not-sent intent (a draft batch too); main refuses once it may exist. */
  cancelIntent: (requestId: string) => Promise<DeskResult<IntentStatus>>;
  startNewPayout: () => void;
};

export const EMPTY_PAYOUT_FORM: PayoutFormValues = {
  currency: 'USDT_TRX',
  depositAddress: '',
  amount: '',
  comment: '',
  executionDate: '',
};

/** Main refuses an execution date more than a minute in the past. */
const PAST_TOLERANCE_MS = 60_000;

export type PayoutFormProblems = {
  depositAddress: RuleProblem[];
  amount: RuleProblem[];
  currency: RuleProblem[];
  executionDate: string | null;
};

/** The same rules main applies, run on every keystroke. */
export function checkPayoutForm(form: PayoutFormValues): PayoutFormProblems {
  const executionIso = localInputToIso(form.executionDate);
  const problems = checkRecipient({
    depositAddress: form.depositAddress.trim(),
    amount: form.amount.trim(),
    currency: form.currency,
  });
  return {
    currency: problems.filter((problem) => problem.field === 'currency'),
    depositAddress: problems.filter((problem) => problem.field === 'depositAddress'),
    amount: problems.filter((problem) => problem.field === 'amount'),
    executionDate:
      form.executionDate === ''
        ? null
        : executionIso === undefined
          ? 'The execution date is not a valid date and time.'
          : Date.parse(executionIso) < Date.now() - PAST_TOLERANCE_MS
            ? 'The execution date is in the past: leave it empty to send now.'
            : null,
  };
}

export function hasProblems(problems: PayoutFormProblems): boolean {
  return (
    problems.currency.length + problems.depositAddress.length + problems.amount.length > 0 ||
    problems.executionDate !== null
  );
}

function sameInput(
  a: Omit<DeskArgument<'previewPayout'>, 'requestId'>,
  b: Omit<DeskArgument<'previewPayout'>, 'requestId'>,
): boolean {
  return (
    a.profileId === b.profileId &&
    a.currency === b.currency &&
    a.depositAddress === b.depositAddress &&
    a.amount === b.amount &&
    a.comment === b.comment &&
    a.executionDate === b.executionDate
  );
}

export const createNewPayoutSlice: SliceCreator<NewPayoutSlice> = (set, get) => {
  /**
   * Bumped when the person leaves this confirmation for another profile: an answer to a
   * send or a cancel made before is not shown on the new profile's screen.
   */
  let flow = 0;
  /**
   * Confirmed requests whose outcome is not known yet (no answer, or not sent), whatever the
   * screen shows since: the same payout reviewed again, after a profile switch and another
   * payout on the other profile, reuses its requestId, so it is that payout asked again and
   * never a second one (main refuses a second one as well: repeat-risks.ts).
   */
  const unsettled = new Map<string, PayoutRequest>();

  /** Sends the confirmed request; every attempt for this confirmation carries its requestId. */
  async function send(request: PayoutRequest): Promise<void> {
    const preview = get().payoutPreview;
    if (preview?.status !== 'ready') return;
    const sentIn = flow;
    set({ payoutSubmitting: true, payoutError: null });
    const accepted = get().payoutAcceptedRisks;
    const result = await payoutsService.create({
      ...request.input,
      payloadHash: preview.preview.payloadHash,
      ...(accepted.length > 0 ? { acceptedRisks: accepted } : {}),
      // What the confirmation showed: main refuses a risk found since (a repeat made meanwhile).
      shownRisks: preview.preview.risks.map((risk) => risk.code),
    });
    // Whatever the screen shows now, the window follows what was sent (a toast says how it ends).
    // Kept only while its outcome is unknown; any other answer (done, refused, expired, an
    // error) settles it, and the same input reviewed again is a new payout.
    if (result.ok && (result.value.state === 'pending' || result.value.state === 'not-sent')) {
      unsettled.set(request.requestId, request);
    } else {
      unsettled.delete(request.requestId);
    }
    if (result.ok && result.value.state === 'done') {
      const { item } = result.value;
      get().trackPayout({ kind: item.kind, id: item.id }, request.profileId);
      get().notePayoutStates(request.profileId, [item]);
    } else if (
      result.ok &&
      (result.value.state === 'pending' || result.value.state === 'not-sent')
    ) {
      get().trackPendingRequest(request.requestId, request.profileId);
    }
    if (sentIn !== flow) return;
    if (!result.ok) {
      set({ payoutSubmitting: false, payoutError: result.error });
      return;
    }
    set({ payoutSubmitting: false, payoutResult: result.value, payoutStep: 'result' });
    void get().refreshHistory();
  }

  return {
    payoutForm: EMPTY_PAYOUT_FORM,
    payoutProfileId: null,
    payoutStep: 'form',
    payoutRequest: null,
    payoutSubmitting: false,
    payoutError: null,
    payoutResult: null,
    payoutPreview: null,
    payoutAcceptedRisks: [],
    acceptPayoutRisk: (code, accepted) => {
      const next = new Set(get().payoutAcceptedRisks);
      if (accepted) next.add(code);
      else next.delete(code);
      set({ payoutAcceptedRisks: [...next] });
    },
    payoutCancelling: false,

    setPayoutField: (field, value) => {
      set((state) => ({ payoutForm: { ...state.payoutForm, [field]: value } }));
    },

    reviewPayout: () => {
      const { payoutForm: form, activeProfileId, profiles, payoutRequest } = get();
      const profile = profiles.find((entry) => entry.id === activeProfileId);
      const currency = findCurrency(form.currency);
      if (!profile || !currency || hasProblems(checkPayoutForm(form))) return false;
      const comment = form.comment.trim();
      const executionDate = localInputToIso(form.executionDate);
      const input: Omit<DeskArgument<'previewPayout'>, 'requestId'> = {
        profileId: profile.id,
        depositAddress: form.depositAddress.trim(),
        amount: form.amount.trim(),
        currency: currency.code,
        ...(comment !== '' ? { comment } : {}),
        ...(executionDate !== undefined ? { executionDate } : {}),
      };
      // An unsettled request counts while the window still waits for it: once a sync finds
      // its payout (toasts-slice's pendingRequests), paying the same again is a new payout.
      const waiting = new Set(get().pendingRequests.map((entry) => entry.requestId));
      for (const id of unsettled.keys()) if (!waiting.has(id)) unsettled.delete(id);
      const kept = [payoutRequest, ...unsettled.values()].find(
        (entry) => entry !== null && sameInput(entry.input, input),
      );
      const requestId = kept?.requestId ?? crypto.randomUUID();
      const request: PayoutRequest = {
        requestId,
        profileId: profile.id,
        profileName: profile.name,
        environment: profile.environment,
        networkLabel: networkLabelOf(currency),
        input: { ...input, requestId },
      };
      set({
        payoutStep: 'confirm',
        payoutProfileId: profile.id,
        payoutError: null,
        payoutRequest: request,
        payoutPreview: { status: 'loading' },
        payoutAcceptedRisks: [],
      });
      void payoutsService.preview(request.input).then((result) => {
        // A later review (or going back) replaced this request: its preview is stale.
        if (get().payoutRequest !== request) return;
        set({
          payoutPreview: result.ok
            ? { status: 'ready', preview: result.value }
            : { status: 'failed', error: result.error },
        });
      });
      return true;
    },

    editPayout: () => {
      if (get().payoutSubmitting) return;
      set({ payoutStep: 'form', payoutError: null });
    },

    abandonConfirmation: () => {
      if (get().payoutSubmitting || get().payoutStep !== 'confirm') return;
      set({ payoutStep: 'form', payoutError: null });
    },

    leavePayoutFlow: () => {
      flow += 1;
      const result = get().payoutResult;
      const settled = result !== null && result.state !== 'pending' && result.state !== 'not-sent';
      set({
        payoutStep: 'form',
        payoutProfileId: null,
        payoutSubmitting: false,
        payoutCancelling: false,
        payoutError: null,
        payoutResult: null,
        payoutPreview: null,
        payoutAcceptedRisks: [],
        ...(settled ? { payoutRequest: null } : {}),
      });
    },

    confirmPayout: async () => {
      const request = get().payoutRequest;
      if (request === null || get().payoutSubmitting || get().payoutStep !== 'confirm') return;
      await send(request);
    },

    recheckPayout: async () => {
      const request = get().payoutRequest;
      const state = get().payoutResult?.state;
      if (
        request === null ||
        get().payoutSubmitting ||
        (state !== 'pending' && state !== 'not-sent')
      ) {
        return;
      }
      await send(request);
    },

    cancelUnsentPayout: async () => {
      const result = get().payoutResult;
      if (result === null || result.state !== 'not-sent' || get().payoutCancelling) return;
      const cancelledIn = flow;
      set({ payoutCancelling: true, payoutError: null });
      const cancelled = await payoutsService.cancelIntent(result.requestId);
      if (cancelledIn !== flow) return;
      if (!cancelled.ok) {
        set({ payoutCancelling: false, payoutError: cancelled.error });
        return;
      }
      unsettled.delete(result.requestId);
      set({
        payoutCancelling: false,
        payoutResult: {
          ...result,
          state: 'cancelled',
          message: 'You cancelled this payout before it was sent: nothing was paid.',
        },
      });
    },

    cancelIntent: (requestId) => payoutsService.cancelIntent(requestId),

    startNewPayout: () => {
      set({
        payoutForm: { ...EMPTY_PAYOUT_FORM, currency: get().payoutForm.currency },
        payoutStep: 'form',
        payoutRequest: null,
        payoutPreview: null,
        payoutAcceptedRisks: [],
        payoutError: null,
        payoutResult: null,
        payoutProfileId: null,
      });
    },
  };
};
