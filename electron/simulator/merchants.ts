/**
 * Merchants the simulator knows: account (0x + 40 hex), API key and secret (32 lowercase
 * hex each, like the ones Calypso support issues). The demo merchant is created once per
 * store and remembered in it, so a restart on the same file keeps its credentials; given a
 * credential seed, a new store derives them from it, so an in-memory run started again with
 * the same seed has the same credentials too (the command line does this).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createRandom, uuidFromBytes } from './random';
import type { Balance } from '../../shared/calypso/types';
import type { Merchant } from './records';
import type { SimStore } from './store';

export type MerchantCredentials = { account: string; key: string; secret: string };

export type NewMerchantOptions = {
  name?: string;
  account?: string;
  key?: string;
  secret?: string;
  ownerId?: string;
  companyId?: string;
  balances?: Balance[];
};

const DEMO_ACCOUNT_META = 'demo_account';

/**
 * Generous starting balances, so test suites that pay a lot never run short by accident;
 * API payouts debit them (balance.ts), and the control API sets one to test a shortfall.
 */
export const DEFAULT_BALANCES: readonly Balance[] = [
  { currency: 'BTC', amount: '42.18734905' },
  { currency: 'ETH', amount: '1250.123456789012345678' },
  { currency: 'USDT', amount: '2500000.125' },
  { currency: 'FRAX', amount: '150000' },
  { currency: 'BUSD_ETH', amount: '80000.5' },
  { currency: 'USDC', amount: '1750000.75' },
  { currency: 'DAI', amount: '320000.000000000000000001' },
  { currency: 'TRX', amount: '9000000.5' },
  { currency: 'USDT_TRX', amount: '4200000.33' },
  { currency: 'BNB', amount: '3100.25' },
  { currency: 'BUSD', amount: '95000' },
  { currency: 'MATIC', amount: '750000.5' },
  { currency: 'USDT_MATIC', amount: '600000' },
  { currency: 'XDG', amount: '12500000.12345678' },
];

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function credentialsOf(merchant: Merchant): MerchantCredentials {
  return { account: merchant.account, key: merchant.key, secret: merchant.secret };
}

export function createMerchant(store: SimStore, options: NewMerchantOptions = {}): Merchant {
  const merchant: Merchant = {
    account: options.account ?? `0x${hex(20)}`,
    key: options.key ?? hex(16),
    secret: options.secret ?? hex(16),
    name: options.name ?? 'Simulated Merchant Ltd',
    ownerId: options.ownerId ?? randomUUID(),
    companyId: options.companyId ?? randomUUID(),
  };
  if (merchant.account.length === 0 || merchant.key.length === 0 || merchant.secret.length === 0) {
    throw new RangeError('a merchant needs a non-empty account, key and secret');
  }
  if (store.merchantByAccount(merchant.account) || store.merchantByKey(merchant.key)) {
    throw new RangeError('a merchant with this account or key already exists');
  }
  store.insertMerchant(merchant, options.balances ?? DEFAULT_BALANCES);
  return merchant;
}

function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * Credentials (and owner/company ids) derived from a seed: a simulator, not a secret store,
 * so a reproducible PRNG is right here. The salt keeps them apart from the fault and
 * history streams of the same seed.
 */
export function seededMerchantOptions(
  seed: number,
): Required<Omit<NewMerchantOptions, 'name' | 'balances'>> {
  const random = createRandom((seed ^ 0x5eed_c0de) >>> 0);
  return {
    account: `0x${hexOf(random.bytes(20))}`,
    key: hexOf(random.bytes(16)),
    secret: hexOf(random.bytes(16)),
    ownerId: uuidFromBytes(random.bytes(16)),
    companyId: uuidFromBytes(random.bytes(16)),
  };
}

/**
 * The demo merchant of this store, created the first time: with random credentials, or
 * with ones derived from `credentialSeed` when given.
 */
export function ensureDemoMerchant(store: SimStore, credentialSeed?: number): Merchant {
  const account = store.getMeta(DEMO_ACCOUNT_META);
  const existing = account === undefined ? undefined : store.merchantByAccount(account);
  if (existing) return existing;
  return store.transaction(() => {
    const merchant = createMerchant(store, {
      name: 'Northwind Payments Demo',
      ...(credentialSeed === undefined ? {} : seededMerchantOptions(credentialSeed)),
    });
    store.setMeta(DEMO_ACCOUNT_META, merchant.account);
    return merchant;
  });
}

/** Replaces a merchant's key and secret with new random ones; the old ones stop working. */
export function rotateCredentials(store: SimStore, account: string): MerchantCredentials {
  const merchant = store.merchantByAccount(account);
  if (!merchant) throw new RangeError(`no merchant with account ${account}`);
  const rotated = { ...merchant, key: hex(16), secret: hex(16) };
  store.replaceCredentials(account, rotated.key, rotated.secret);
  return credentialsOf(rotated);
}
