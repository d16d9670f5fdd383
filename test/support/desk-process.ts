/**
 * A Payout Desk main process without Electron, for tests that kill it: it opens the desk on
 * a data folder and either imports-and-submits a draft (MODE=submit) or, after a crash,
 * does what the app does at start (MODE=recover): resume every draft left submitting and
 * resolve the outbox. MODE=edit is a second app on the same data folder editing one row of a
 * draft (DRAFT_ID, ROW_NO, AMOUNT) while the first one holds its review. It reports on
 * stdout, one JSON line per step.
 * Env: DESK_DATA_DIR, DESK_SIM (JSON {baseUrl, account, key, secret}), MODE, TRIAL.
 */
import { createDesk } from '../../electron/services/desk';
import { dispatch } from '../../electron/services/ipc/dispatch';
import { createKeytarStore } from '../../electron/services/vault';
import type { DeskMethod, DeskResult, DraftReview, DraftSummary, Profile } from '../../shared/ipc';
import type { DraftBatch } from '../../shared/drafts';
import { testAddress } from './addresses';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const desk = await createDesk({
    dataDir: env('DESK_DATA_DIR'),
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: false,
    sync: { startOnOpen: false },
  });

  async function call<T>(method: DeskMethod, argument?: unknown): Promise<T> {
    const result = (await dispatch(desk.handlers, method, argument)) as DeskResult<T>;
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  function report(step: string, data: unknown = {}) {
    process.stdout.write(`${JSON.stringify({ step, data })}\n`);
  }

  if (env('MODE') === 'edit') {
    const result = await dispatch(desk.handlers, 'updateDraftRow', {
      draftId: env('DRAFT_ID'),
      rowNo: Number(env('ROW_NO')),
      amount: env('AMOUNT'),
    });
    report(result.ok ? 'edited' : 'refused', result.ok ? {} : { message: result.error.message });
    await desk.close();
    return;
  }

  const sim = JSON.parse(env('DESK_SIM')) as {
    baseUrl: string;
    account: string;
    key: string;
    secret: string;
  };
  const trial = Number(env('TRIAL'));
  const profiles = await call<Profile[]>('listProfiles');
  const profile =
    profiles.find((entry) => entry.name === 'Kill test') ??
    (await call<Profile>('addProfile', {
      name: 'Kill test',
      environment: 'custom',
      ...sim,
    }));

  if (env('MODE') === 'submit') {
    // 150 USDT_TRX rows (two batches: 100 + 50) and 20 TRX rows (one batch).
    const rows = [
      ...Array.from({ length: 150 }, (_, index) => ({ currency: 'USDT_TRX', n: index })),
      ...Array.from({ length: 20 }, (_, index) => ({ currency: 'TRX', n: 150 + index })),
    ].map(({ currency, n }) => ({
      line: n + 2,
      address: testAddress('tron', trial * 1000 + n),
      amount: `${n + 1}.25`,
      currency,
      comment: `trial ${trial} row ${n}`,
    }));
    const draft = await call<DraftSummary>('createDraft', {
      profileId: profile.id,
      name: `Trial ${trial}`,
      sourceFile: `trial-${trial}.csv`,
      decimalSeparator: '.',
      rows,
    });
    report('draft', { draftId: draft.id });
    const { fingerprint } = await call<DraftReview>('reviewDraft', { draftId: draft.id });
    const batches = await call<DraftBatch[]>('submitDraft', { draftId: draft.id, fingerprint });
    report('submitted', { batches });
  } else {
    const drafts = await call<DraftSummary[]>('listDrafts', { profileId: profile.id });
    const result: { draftId: string; state: string; batches: DraftBatch[] }[] = [];
    for (const draft of drafts) {
      // The user opens the app again and presses Submit on a draft that never got sent;
      // drafts left submitting are resumed the same way the sync pass resumes them.
      const batches =
        draft.state === 'submitted'
          ? await call<DraftBatch[]>('getDraftBatches', { draftId: draft.id })
          : await call<DraftBatch[]>('submitDraft', {
              draftId: draft.id,
              // After a restart the person reviews again (a draft left submitting reviews as
              // the plan it fixed), then presses Submit.
              fingerprint: (await call<DraftReview>('reviewDraft', { draftId: draft.id }))
                .fingerprint,
            });
      result.push({ draftId: draft.id, state: draft.state, batches });
    }
    report('recovered', result);
  }
  await desk.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
