import { describe, expect, it } from 'vitest';
import { checkAddress, encodeAddress } from '../../../shared/address';
import {
  addressRiskProblems,
  lookalikeKey,
  PaidAddresses,
  TOKEN_CONTRACTS,
  tokenContractAt,
} from '../../../shared/address-risk';
import { verdictOf } from '../../../shared/import';

/** A 20-byte hash with chosen first and last bytes and a varying middle. */
function hash(first: number, middle: number, last: number): Uint8Array {
  const bytes = Uint8Array.from({ length: 20 }, (_, index) => (index * 7 + middle) % 256);
  bytes[0] = first;
  bytes[1] = first;
  bytes[18] = last;
  bytes[19] = last;
  return bytes;
}

const payroll = encodeAddress('ethereum', hash(0xab, 1, 0xcd));
const poisoned = encodeAddress('ethereum', hash(0xab, 99, 0xcd));
const stranger = encodeAddress('ethereum', hash(0x12, 5, 0x34));
const tronWallet = encodeAddress('tron', hash(0x01, 3, 0x02));

const paid = new PaidAddresses([
  { network: 'ethereum', address: payroll, label: 'Anna Schmidt' },
  { network: 'tron', address: tronWallet, label: null },
]);

describe('token contracts', () => {
  it.each(TOKEN_CONTRACTS.map((entry) => [entry.token, entry.network, entry.address] as const))(
    '%s on %s is a valid, checksummed address',
    (_token, network, address) => {
      // A mistyped character in the list would fail its EIP-55 or base58check checksum.
      expect(checkAddress(address, network)).toEqual({ ok: true });
      if (address.startsWith('0x')) expect(address).not.toBe(address.toLowerCase());
    },
  );

  it('is an error naming the token, in any letter case and on a sister EVM chain', () => {
    const usdt = '0xdac17f958d2ee523a2206206994597c13d831ec7';
    const [found] = addressRiskProblems({ address: usdt, network: 'ethereum' }, paid);
    expect(found).toMatchObject({ code: 'ADDRESS_IS_CONTRACT', severity: 'error' });
    expect(found?.message).toContain('Tether (USDT)');
    expect(found?.message).toContain('a payout sent there is lost');
    const [onPolygon] = addressRiskProblems({ address: usdt, network: 'polygon' }, paid);
    expect(onPolygon?.message).toContain('Tether (USDT) on Ethereum');
    expect(tokenContractAt('tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t')?.token).toBe(
      'Tether (USDT)',
    );
    expect(tokenContractAt('tron', tronWallet)).toBeUndefined();
  });
});

describe('look-alike keys', () => {
  it('compares 4 characters at each end after the prefix, folding case only where it is ignored', () => {
    expect(lookalikeKey(payroll, 'ethereum')).toBe(lookalikeKey(poisoned, 'ethereum'));
    expect(lookalikeKey(payroll, 'ethereum')).toBe('abab…cdcd');
    expect(lookalikeKey('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'bitcoin')).toBe('qar0…5mdq');
    expect(lookalikeKey('TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7', 'tron')).toBe('La2f…YjU7');
    expect(lookalikeKey('short', 'tron')).toBeNull();
  });
});

describe('address risk verdicts', () => {
  it('a look-alike of a paid address is an error naming that address and its label', () => {
    const problems = addressRiskProblems({ address: poisoned, network: 'ethereum' }, paid);
    expect(problems.map((entry) => entry.code)).toEqual(['ADDRESS_LOOKALIKE']);
    expect(verdictOf(problems)).toBe('error');
    expect(problems[0]?.message).toContain(payroll);
    expect(problems[0]?.message).toContain('"Anna Schmidt"');
    // The poisoned address on a sister chain is just as dangerous.
    expect(addressRiskProblems({ address: poisoned, network: 'bsc' }, paid)[0]?.code).toBe(
      'ADDRESS_LOOKALIKE',
    );
  });

  it('an address paid before passes; a different name beside it is a warning', () => {
    expect(addressRiskProblems({ address: payroll, network: 'ethereum' }, paid)).toEqual([]);
    const lower = payroll.toLowerCase();
    expect(addressRiskProblems({ address: lower, network: 'ethereum' }, paid)).toEqual([]);
    expect(
      addressRiskProblems(
        { address: payroll, network: 'ethereum', name: '  anna   SCHMIDT ' },
        paid,
      ),
    ).toEqual([]);
    const [mismatch] = addressRiskProblems(
      { address: payroll, network: 'ethereum', name: 'Bernd Meyer' },
      paid,
    );
    expect(mismatch).toMatchObject({ code: 'ADDRESS_LABEL_MISMATCH', severity: 'warning' });
    expect(mismatch?.message).toContain('"Bernd Meyer"');
    expect(mismatch?.message).toContain('"Anna Schmidt"');
  });

  it('an address paid only on another network of its family is a warning naming both', () => {
    const [other] = addressRiskProblems({ address: payroll, network: 'polygon' }, paid);
    expect(other).toMatchObject({ code: 'ADDRESS_OTHER_NETWORK', severity: 'warning' });
    expect(other?.message).toContain('only on Ethereum, never on Polygon');
  });

  it('an address never paid is a first payment (warning); Tron is case-sensitive', () => {
    const [first] = addressRiskProblems({ address: stranger, network: 'ethereum' }, paid);
    expect(first).toMatchObject({ code: 'ADDRESS_FIRST_PAYMENT', severity: 'warning' });
    expect(addressRiskProblems({ address: tronWallet, network: 'tron' }, paid)).toEqual([]);
    const fresh = encodeAddress('tron', hash(0x09, 8, 0x07));
    expect(addressRiskProblems({ address: fresh, network: 'tron' }, paid)[0]?.code).toBe(
      'ADDRESS_FIRST_PAYMENT',
    );
  });
});
