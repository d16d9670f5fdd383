/**
 * Where a person looks a transaction up, per network: the block explorer each chain's users
 * know. Only a plain transaction hash makes a link, so a hash synced from a server can never
 * become a link to somewhere else.
 */
import type { NetworkId } from './networks';

const EXPLORERS: Readonly<Record<NetworkId, (hash: string) => string>> = {
  bitcoin: (hash) => `https://mempool.space/tx/${hash}`,
  ethereum: (hash) => `https://etherscan.io/tx/${hash}`,
  tron: (hash) => `https://tronscan.org/#/transaction/${hash}`,
  bsc: (hash) => `https://bscscan.com/tx/${hash}`,
  polygon: (hash) => `https://polygonscan.com/tx/${hash}`,
  dogecoin: (hash) => `https://blockchair.com/dogecoin/transaction/${hash}`,
};

/** 32 bytes in hex, with the 0x of EVM chains or without (Bitcoin, Tron, Dogecoin). */
const TRANSACTION_HASH = /^(?:0x)?[0-9a-fA-F]{64}$/;

export function explorerUrl(network: NetworkId, transactionHash: string | null): string | null {
  if (transactionHash === null || !TRANSACTION_HASH.test(transactionHash)) return null;
  return EXPLORERS[network](transactionHash);
}
