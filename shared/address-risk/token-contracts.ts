/**
 * Token contracts of the networks Payout Desk pays on. A payout sent to a token's own
 * contract address is lost: the contract cannot pass it on, and nobody holds its key.
 * Spreadsheets get these addresses by mistake when a person copies the "token" link of a
 * block explorer instead of the recipient's wallet.
 *
 * Each entry is the token's contract as its block explorer shows it verified (and, for
 * USDT and USDC, as Tether's and Circle's own pages list it). The unit test checks every
 * entry's checksum, so a mistyped character cannot hide here.
 */
import type { NetworkId } from '../networks';

export type TokenContract = {
  network: NetworkId;
  /** As the explorer writes it: EIP-55 mixed case on EVM chains, base58 on Tron. */
  address: string;
  token: string;
  /** Where a person can check it. */
  source: string;
};

function contract(network: NetworkId, token: string, address: string, source: string) {
  return { network, token, address, source } satisfies TokenContract;
}

const ETHERSCAN = 'https://etherscan.io/token/';
const TRONSCAN = 'https://tronscan.org/#/token20/';
const BSCSCAN = 'https://bscscan.com/token/';
const POLYGONSCAN = 'https://polygonscan.com/token/';
const TETHER = 'https://tether.to/en/supported-protocols/';
const CIRCLE = 'https://developers.circle.com/stablecoins/usdc-contract-addresses';

export const TOKEN_CONTRACTS: readonly TokenContract[] = [
  contract('ethereum', 'Tether (USDT)', '0xdAC17F958D2ee523a2206206994597C13D831ec7', TETHER),
  contract('ethereum', 'USD Coin (USDC)', '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', CIRCLE),
  contract('ethereum', 'Dai (DAI)', '0x6B175474E89094C44Da98b954EedeAC495271d0F', ETHERSCAN),
  contract('ethereum', 'Frax (FRAX)', '0x853d955aCEf822Db058eb8505911ED77F175b99e', ETHERSCAN),
  contract(
    'ethereum',
    'Binance USD (BUSD)',
    '0x4Fabb145d64652a948d72533023f6E7A623C7C53',
    ETHERSCAN,
  ),
  contract(
    'ethereum',
    'Wrapped Ether (WETH)',
    '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
    ETHERSCAN,
  ),
  contract(
    'ethereum',
    'Wrapped Bitcoin (WBTC)',
    '0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599',
    ETHERSCAN,
  ),
  contract('tron', 'Tether (USDT)', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', TETHER),
  contract('tron', 'USD Coin (USDC)', 'TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8', TRONSCAN),
  contract('tron', 'Wrapped TRX (WTRX)', 'TNUC9Qb1rRpS5CbWLmNMxXBjyFoydXjWFR', TRONSCAN),
  contract('bsc', 'Tether (USDT)', '0x55d398326f99059fF775485246999027B3197955', TETHER),
  contract('bsc', 'Binance USD (BUSD)', '0xe9e7CEA3DedcA5984780Bafc599bD69ADd087D56', BSCSCAN),
  contract('bsc', 'USD Coin (USDC)', '0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d', BSCSCAN),
  contract('bsc', 'Wrapped BNB (WBNB)', '0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c', BSCSCAN),
  contract('polygon', 'Tether (USDT)', '0xc2132D05D31c914a87C6611C10748AEb04B58e8F', TETHER),
  contract('polygon', 'USD Coin (USDC)', '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359', CIRCLE),
  contract(
    'polygon',
    'Bridged USD Coin (USDC.e)',
    '0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174',
    POLYGONSCAN,
  ),
  contract('polygon', 'Dai (DAI)', '0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063', POLYGONSCAN),
  contract(
    'polygon',
    'Wrapped Matic (WMATIC)',
    '0x0d500B1d8E8eF31E21C99d1Db9A6444d3ADf1270',
    POLYGONSCAN,
  ),
];
