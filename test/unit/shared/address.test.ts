import { describe, expect, it } from 'vitest';
import { checkAddress, encodeAddress, toChecksumAddress } from '../../../shared/address';
import { checkRecipient } from '../../../shared/payout-rules';

const hash = Uint8Array.from({ length: 20 }, (_, index) => index * 11);

describe('address checks', () => {
  it('accepts EIP-55 checksummed, all-lower and all-upper EVM addresses', () => {
    expect(checkAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'ethereum')).toEqual({
      ok: true,
    });
    expect(checkAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'polygon').ok).toBe(true);
    expect(checkAddress('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED', 'bsc').ok).toBe(true);
  });

  it('rejects a mixed-case EVM address with a wrong checksum', () => {
    const result = checkAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', 'ethereum');
    expect(result).toMatchObject({ ok: false, code: 'ADDRESS_CHECKSUM' });
  });

  it.each([
    ['bitcoin', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['bitcoin', 'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297'],
    ['bitcoin', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'],
    ['bitcoin', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
    ['tron', 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7'],
    ['dogecoin', 'DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L'],
  ] as const)('accepts a valid %s address %s', (network, address) => {
    expect(checkAddress(address, network)).toEqual({ ok: true });
  });

  it.each([
    ['tron', 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU8'],
    ['bitcoin', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3'],
    ['bitcoin', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp'],
    ['dogecoin', 'DH5yaieqoZN36fDVciNyRueRGvGLR3mr7M'],
  ] as const)('rejects a %s address with one wrong character: %s', (network, address) => {
    expect(checkAddress(address, network)).toMatchObject({ ok: false, code: 'ADDRESS_CHECKSUM' });
  });

  it('explains an address of another network', () => {
    const result = checkAddress('TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7', 'ethereum');
    expect(result).toMatchObject({ ok: false, code: 'ADDRESS_WRONG_NETWORK', looksLike: 'tron' });
    if (!result.ok) expect(result.message).toMatch(/Tron address.*Ethereum/);
  });

  it('encodes valid addresses for every network', () => {
    for (const network of ['ethereum', 'tron', 'bitcoin', 'dogecoin', 'bsc', 'polygon'] as const) {
      expect(checkAddress(encodeAddress(network, hash), network)).toEqual({ ok: true });
    }
    expect(toChecksumAddress(encodeAddress('ethereum', hash))).toBe(
      encodeAddress('ethereum', hash),
    );
  });
});

describe('recipient rules', () => {
  const address = encodeAddress('tron', hash);

  it('passes a correct recipient', () => {
    expect(
      checkRecipient({ depositAddress: address, amount: '12.5', currency: 'USDT_TRX' }),
    ).toEqual([]);
  });

  it('names the field and the reason for each problem', () => {
    expect(checkRecipient({ depositAddress: address, amount: '0', currency: 'TRX' })).toMatchObject(
      [{ field: 'amount', code: 'AMOUNT_NOT_POSITIVE' }],
    );
    expect(
      checkRecipient({ depositAddress: address, amount: '1.1234567', currency: 'USDT_TRX' }),
    ).toMatchObject([{ field: 'amount', code: 'AMOUNT_TOO_PRECISE' }]);
    expect(checkRecipient({ depositAddress: address, amount: '1', currency: 'XYZ' })).toMatchObject(
      [{ field: 'currency', code: 'CURRENCY_UNKNOWN' }],
    );
  });

  it('allows trailing zeros beyond the currency decimals', () => {
    expect(
      checkRecipient({ depositAddress: address, amount: '1.50000000', currency: 'TRX' }),
    ).toEqual([]);
  });
});
