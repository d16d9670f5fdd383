import { describe, expect, it } from 'vitest';
import {
  currencyCodeNamed,
  currencyCodeWithAsset,
  currencyName,
  currencyNameWithCode,
} from '../../../shared/currency-names';
import { CURRENCIES } from '../../../shared/networks';

describe('currency names', () => {
  it('name the asset and its network', () => {
    expect(currencyName('USDT_TRX')).toBe('Tether (Tron)');
    expect(currencyName('USDT')).toBe('Tether (Ethereum)');
    expect(currencyName('USDT_MATIC')).toBe('Tether (Polygon)');
    expect(currencyName('BUSD')).toBe('Binance USD (BNB Smart Chain)');
    expect(currencyName('TRX')).toBe('TRX (Tron)');
  });

  it('do not repeat a coin named after its network', () => {
    expect(currencyName('BTC')).toBe('Bitcoin');
    expect(currencyName('XDG')).toBe('Dogecoin');
  });

  it('tell every known currency apart', () => {
    const names = CURRENCIES.map((entry) => currencyName(entry.code));
    expect(new Set(names).size).toBe(CURRENCIES.length);
  });

  it('show an unknown code as it is, with no second copy of it', () => {
    expect(currencyName('DOGE2')).toBe('DOGE2');
    expect(currencyNameWithCode('DOGE2')).toBe('DOGE2');
    expect(currencyNameWithCode('USDT_TRX')).toBe('Tether (Tron) · USDT_TRX');
  });

  it('name the code in a sentence about a cell: the code first, then what it pays', () => {
    expect(currencyCodeNamed('USDT_TRX')).toBe('USDT_TRX (Tether on Tron)');
    expect(currencyCodeNamed('BTC')).toBe('BTC (Bitcoin)');
    expect(currencyCodeNamed('TRX')).toBe('TRX (the Tron coin)');
    expect(currencyCodeNamed('DOGE2')).toBe('DOGE2');
    expect(currencyCodeWithAsset('USDT')).toBe('USDT (Tether)');
    expect(currencyCodeWithAsset('BNB')).toBe('BNB');
  });
});
