/**
 * Currencies the Calypso payout guides list (calypso-api.md 6.2), the blockchain each runs
 * on, and how many decimals an amount may carry (Q21).
 */
export const NETWORK_IDS = ['bitcoin', 'ethereum', 'tron', 'bsc', 'polygon', 'dogecoin'] as const;
export type NetworkId = (typeof NETWORK_IDS)[number];

export type Network = {
  id: NetworkId;
  label: string;
  /** Which address family a recipient on this network must use. */
  addressKind: 'evm' | 'bitcoin' | 'tron' | 'dogecoin';
};

export const NETWORKS: Readonly<Record<NetworkId, Network>> = {
  bitcoin: { id: 'bitcoin', label: 'Bitcoin', addressKind: 'bitcoin' },
  ethereum: { id: 'ethereum', label: 'Ethereum', addressKind: 'evm' },
  tron: { id: 'tron', label: 'Tron', addressKind: 'tron' },
  bsc: { id: 'bsc', label: 'BNB Smart Chain', addressKind: 'evm' },
  polygon: { id: 'polygon', label: 'Polygon', addressKind: 'evm' },
  dogecoin: { id: 'dogecoin', label: 'Dogecoin', addressKind: 'dogecoin' },
};

export type Currency = {
  code: string;
  label: string;
  /** The asset's own name, without its network ("Tether" for USDT, USDT_TRX and USDT_MATIC). */
  asset: string;
  network: NetworkId;
  decimals: number;
  /** A token needs the chain's native coin on the balance for network fees. */
  nativeCoin: string;
};

function currency(
  code: string,
  label: string,
  asset: string,
  network: NetworkId,
  decimals: number,
  nativeCoin: string,
): Currency {
  return { code, label, asset, network, decimals, nativeCoin };
}

export const CURRENCIES: readonly Currency[] = [
  currency('BTC', 'Bitcoin', 'Bitcoin', 'bitcoin', 8, 'BTC'),
  currency('ETH', 'Ether', 'Ether', 'ethereum', 18, 'ETH'),
  currency('USDT', 'Tether (ERC-20)', 'Tether', 'ethereum', 6, 'ETH'),
  currency('FRAX', 'Frax (ERC-20)', 'Frax', 'ethereum', 18, 'ETH'),
  currency('BUSD_ETH', 'Binance USD (ERC-20)', 'Binance USD', 'ethereum', 18, 'ETH'),
  currency('USDC', 'USD Coin (ERC-20)', 'USD Coin', 'ethereum', 6, 'ETH'),
  currency('DAI', 'Dai (ERC-20)', 'Dai', 'ethereum', 18, 'ETH'),
  currency('TRX', 'Tron', 'TRX', 'tron', 6, 'TRX'),
  currency('USDT_TRX', 'Tether (TRC-20)', 'Tether', 'tron', 6, 'TRX'),
  currency('BNB', 'BNB', 'BNB', 'bsc', 18, 'BNB'),
  currency('BUSD', 'Binance USD (BEP-20)', 'Binance USD', 'bsc', 18, 'BNB'),
  currency('MATIC', 'Polygon', 'MATIC', 'polygon', 18, 'MATIC'),
  currency('USDT_MATIC', 'Tether (Polygon)', 'Tether', 'polygon', 6, 'MATIC'),
  currency('XDG', 'Dogecoin', 'Dogecoin', 'dogecoin', 8, 'XDG'),
];

const BY_CODE = new Map(CURRENCIES.map((entry) => [entry.code, entry]));

export function findCurrency(code: string): Currency | undefined {
  return BY_CODE.get(code);
}

export type MassPayoutLimits = {
  /** Recipients per mass payout on Ethereum (ETH and ERC-20 codes). */
  ethereum: number;
  /** Recipients per mass payout on every other network. */
  other: number;
  /** Recipients per mass payout whatever the currency. */
  global: number;
};

/** The older guide's caps and the current 10,000 ceiling (section 6.1, Q11). */
export const DEFAULT_MASS_PAYOUT_LIMITS: MassPayoutLimits = {
  ethereum: 1_000,
  other: 100,
  global: 10_000,
};

export function massPayoutCap(
  currencyCode: string,
  limits: MassPayoutLimits = DEFAULT_MASS_PAYOUT_LIMITS,
): number {
  const network = findCurrency(currencyCode)?.network;
  return Math.min(network === 'ethereum' ? limits.ethereum : limits.other, limits.global);
}
