/**
 * A Payout Desk main process without Electron, for the fault tests that SIGKILL it (the
 * pattern of test/support/desk-process.ts). It opens the desk on a data folder, finds or adds
 * the "Fault kill" profile (a custom profile: the secret goes to the real keychain of the
 * private keyring session), does one job, and reports each step on stdout as one JSON line.
 *
 * Env: DESK_DATA_DIR, DESK_SIM (JSON {baseUrl, account, key, secret}), MODE, ARGS (JSON).
 * Modes:
 *   prepare  create a draft of ARGS.rows rows (seed ARGS.seed)        -> draft {profileId, draftId}
 *   sync     one sync pass (progress lines while paging)              -> synced {status}
 *   edit     ARGS.edits edits of ARGS.draftId, one line per saved edit -> edited {i, rowNo, comment}
 *   submit   a draft of ARGS.rows rows, then a single payout (ARGS.requestId), then Submit
 *   recover  what the app and the person do after a crash: sync (resolves the outbox and
 *            resumes drafts left submitting), Submit again on drafts never sent, the single
 *            payouts sent again with their request ids                -> recovered {...}
 */
import { createDesk } from '../../../electron/services/desk';
import { dispatch } from '../../../electron/services/ipc/dispatch';
import { createKeytarStore } from '../../../electron/services/vault';
import type { DraftBatch, DraftSummary } from '../../../shared/drafts';
import type {
  DeskMethod,
  DeskResult,
  DraftReview,
  Profile,
  SubmittedPayout,
  SyncStatus,
} from '../../../shared/ipc';
import { confirmed } from '../../support/confirm-payout';
import { childDraftRows, childPayout, KILL_PROFILE_NAME } from './child-intents';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

function report(step: string, data: unknown = {}) {
  process.stdout.write(`${JSON.stringify({ step, data })}\n`);
}

async function main(): Promise<void> {
  const sim = JSON.parse(env('DESK_SIM')) as {
    baseUrl: string;
    account: string;
    key: string;
    secret: string;
  };
  const args = JSON.parse(process.env.ARGS ?? '{}') as {
    rows?: number;
    seed?: number;
    draftId?: string;
    edits?: number;
    requestId?: string;
    intents?: { requestId: string; seed: number }[];
  };
  const desk = await createDesk({
    dataDir: env('DESK_DATA_DIR'),
    secretStore: createKeytarStore('payout-desk-test'),
    simulator: false,
    emit: (event, payload) => {
      if (event === 'syncProgress') report('progress', payload);
    },
    sync: { startOnOpen: false, minIntervalMs: 120_000, maxIntervalMs: 240_000 },
  });

  async function call<T>(method: DeskMethod, argument?: unknown): Promise<T> {
    const result = (await dispatch(desk.handlers, method, argument)) as DeskResult<T>;
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  const profile =
    (await call<Profile[]>('listProfiles')).find((entry) => entry.name === KILL_PROFILE_NAME) ??
    (await call<Profile>('addProfile', { name: KILL_PROFILE_NAME, environment: 'custom', ...sim }));
  const profileId = profile.id;
  const seed = args.seed ?? 1;

  const newDraft = (rows: number) =>
    call<DraftSummary>('createDraft', {
      profileId,
      name: `Trial ${seed}`,
      sourceFile: `trial-${seed}.csv`,
      decimalSeparator: '.',
      rows: childDraftRows(rows, seed),
    });

  switch (env('MODE')) {
    case 'prepare': {
      const draft = await newDraft(args.rows ?? 10);
      report('draft', { profileId, draftId: draft.id });
      break;
    }
    case 'sync': {
      report('started', { profileId });
      const status = await call<SyncStatus>('syncNow', { profileId });
      report('synced', status);
      break;
    }
    case 'edit': {
      const draftId = args.draftId ?? '';
      const rows = (await call<DraftSummary>('getDraft', { draftId })).rowCount;
      report('started', { profileId });
      for (let i = 1; i <= (args.edits ?? 100); i += 1) {
        const rowNo = ((i * 7) % rows) + 1;
        const comment = `edit ${i} of row ${rowNo}`;
        await call('updateDraftRow', { draftId, rowNo, comment });
        report('edited', { i, rowNo, comment });
      }
      break;
    }
    case 'submit': {
      report('started', { profileId });
      const draft = await newDraft(args.rows ?? 10);
      report('draft', { draftId: draft.id });
      const single = await call<SubmittedPayout>(
        'createPayout',
        await confirmed(call, childPayout(profileId, args.requestId ?? '', seed)),
      );
      report('single', single);
      const { fingerprint } = await call<DraftReview>('reviewDraft', { draftId: draft.id });
      const batches = await call<DraftBatch[]>('submitDraft', { draftId: draft.id, fingerprint });
      report('submitted', batches);
      break;
    }
    case 'recover': {
      await call<SyncStatus>('syncNow', { profileId });
      const status = await call<SyncStatus>('syncNow', { profileId });
      const singles: SubmittedPayout[] = [];
      for (const intent of args.intents ?? []) {
        singles.push(
          await call<SubmittedPayout>(
            'createPayout',
            await confirmed(call, childPayout(profileId, intent.requestId, intent.seed)),
          ),
        );
      }
      const drafts: { draftId: string; name: string; state: string; batches: DraftBatch[] }[] = [];
      for (const draft of await call<DraftSummary[]>('listDrafts', { profileId })) {
        const batches =
          draft.state === 'submitted'
            ? await call<DraftBatch[]>('getDraftBatches', { draftId: draft.id })
            : await call<DraftBatch[]>('submitDraft', {
                draftId: draft.id,
                // What the person does after a restart: review (a draft left submitting
                // reviews as the plan it fixed), then Submit.
                fingerprint: (await call<DraftReview>('reviewDraft', { draftId: draft.id }))
                  .fingerprint,
              });
        drafts.push({ draftId: draft.id, name: draft.name, state: draft.state, batches });
      }
      report('recovered', { status, singles, drafts });
      break;
    }
    default:
      throw new Error(`unknown MODE ${env('MODE')}`);
  }
  await desk.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
