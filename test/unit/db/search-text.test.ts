import { describe, expect, it } from 'vitest';
import {
  isIndexableFragment,
  toLikePattern,
  toMatchQuery,
  toNeedle,
} from '../../../electron/services/db/search-index';

describe('search fragments', () => {
  it('looks a fragment up by all of its trigrams, each quoted', () => {
    expect(toMatchQuery('abcd')).toBe('"abc" AND "bcd"');
    expect(toMatchQuery('a"b"c')).toBe('"a""b" AND """b""" AND "b""c"');
  });

  it('bounds the trigrams of a long fragment and keeps its ends', () => {
    const hash = '0x9d41c7e2b5f80a36e1d94c2f7b058a3de6c19f24b7a0d853c6e2f91a4b07d5e38c';
    const parts = toMatchQuery(hash).split(' AND ');
    expect(parts.length).toBe(16);
    expect(parts[0]).toBe('"0x9"');
    expect(parts.at(-1)).toBe('"38c"');
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(toLikePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });

  it('counts code points, as the trigram tokenizer does', () => {
    expect(isIndexableFragment('ab')).toBe(false);
    expect(isIndexableFragment('abc')).toBe(true);
    expect(isIndexableFragment('😀😀')).toBe(false);
  });

  it('folds non-ASCII needles instead of using LIKE', () => {
    expect(toNeedle('ÖL')).toBe('öl');
    expect(toNeedle('Ab')).toBe('%Ab%');
  });
});
