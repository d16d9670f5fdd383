// The model-based fault suite's seeded parts (test/faults/model): the same seed must replay
// the same choices, and the generator must only offer operations that apply.
import { describe, expect, it } from 'vitest';
import {
  ADVERSARIAL_OPERATIONS,
  BENIGN_OPERATIONS,
  candidates,
  nextOperation,
  type ModelView,
} from '../../faults/model/operations';
import { createPrng, sequenceSeed } from '../../faults/model/prng';

const EMPTY: ModelView = {
  editingDrafts: 0,
  reviewedDrafts: 0,
  unfinishedDrafts: 0,
  retryableDrafts: 0,
  retriedDrafts: 0,
  rejectedSingles: 0,
  faultsOn: false,
  secondHost: false,
};

describe('model suite PRNG', () => {
  it('replays the same values from the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const random = createPrng(seed);
      return [random.next(), random.int(1, 6), random.uuid(), random.pick(['a', 'b', 'c'])];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const random = createPrng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i += 1) seen.add(random.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
    expect(() => random.int(3, 2)).toThrow(RangeError);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('makes version-4 UUIDs (request ids must pass the contract)', () => {
    const random = createPrng(1);
    for (let i = 0; i < 50; i += 1) {
      expect(random.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('derives distinct sequence seeds from one run seed', () => {
    const seeds = Array.from({ length: 100 }, (_, index) => sequenceSeed(12345, index));
    expect(new Set(seeds).size).toBe(100);
    expect(sequenceSeed(12345, 3)).toBe(sequenceSeed(12345, 3));
  });
});

describe('model suite operation generator', () => {
  it('offers only operations that apply to the state', () => {
    const kinds = candidates(EMPTY, true).map((option) => option.kind);
    for (const kind of [
      'editDraft',
      'reviewDraft',
      'submitDraft',
      'retryFailedRows',
      'retryAgain',
      'reenterRejected',
      'clearFaults',
      'raceEditSubmit',
    ]) {
      expect(kinds).not.toContain(kind);
    }
    expect(kinds).toContain('confirmSingle');
    const ready = candidates(
      { ...EMPTY, editingDrafts: 1, reviewedDrafts: 1, secondHost: true },
      true,
    ).map((option) => option.kind);
    expect(ready).toContain('submitDraft');
    expect(ready).toContain('raceEditSubmit');
  });

  it('never draws an adversarial operation in a benign run', () => {
    const random = createPrng(99);
    const view: ModelView = {
      ...EMPTY,
      editingDrafts: 2,
      reviewedDrafts: 1,
      retryableDrafts: 1,
      retriedDrafts: 1,
      rejectedSingles: 1,
      faultsOn: true,
      secondHost: true,
    };
    const drawn = new Set(Array.from({ length: 2_000 }, () => nextOperation(random, view, false)));
    for (const kind of drawn) expect(BENIGN_OPERATIONS).toContain(kind);
    expect(drawn.size).toBe(BENIGN_OPERATIONS.length);
  });

  it('draws every adversarial operation when all apply, the same way for the same seed', () => {
    const view: ModelView = {
      ...EMPTY,
      editingDrafts: 2,
      reviewedDrafts: 1,
      retryableDrafts: 1,
      retriedDrafts: 1,
      rejectedSingles: 1,
      faultsOn: true,
      secondHost: true,
    };
    const run = (seed: number) => {
      const random = createPrng(seed);
      return Array.from({ length: 3_000 }, () => nextOperation(random, view, true));
    };
    const drawn = new Set(run(5));
    for (const kind of ADVERSARIAL_OPERATIONS) expect(drawn).toContain(kind);
    expect(run(5)).toEqual(run(5));
  });
});
