/**
 * What this account has paid before, indexed for the risk checks: by exact address per
 * network, by address within an address family (the same 0x address on Ethereum and
 * Polygon), and by look-alike key. Built from the address book (the synced history).
 */
import { addressKey } from '../import/address-key';
import { NETWORKS, type NetworkId } from '../networks';
import { lookalikeKey } from './lookalike';

export type PaidAddress = {
  network: NetworkId;
  address: string;
  /** The address book's label, when the person gave one or accepted a suggestion. */
  label: string | null;
};

type Family = (typeof NETWORKS)[NetworkId]['addressKind'];

function familyOf(network: NetworkId): Family {
  return NETWORKS[network].addressKind;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class PaidAddresses {
  private readonly exact = new Map<string, PaidAddress>();
  private readonly inFamily = new Map<string, PaidAddress[]>();
  private readonly alike = new Map<string, PaidAddress[]>();

  constructor(entries: Iterable<PaidAddress>) {
    for (const entry of entries) {
      const key = addressKey(entry.address);
      const exactKey = `${entry.network}:${key}`;
      if (this.exact.has(exactKey)) continue;
      this.exact.set(exactKey, entry);
      push(this.inFamily, `${familyOf(entry.network)}:${key}`, entry);
      const ends = lookalikeKey(entry.address, entry.network);
      if (ends !== null) push(this.alike, `${familyOf(entry.network)}:${ends}`, entry);
    }
  }

  /** Every entry, once per address and network: the plain data the index was built of. */
  entries(): PaidAddress[] {
    return [...this.exact.values()];
  }

  /** The entry for exactly this address on this network, if it was paid there. */
  find(network: NetworkId, address: string): PaidAddress | undefined {
    return this.exact.get(`${network}:${addressKey(address)}`);
  }

  /** Entries of the same address on the other networks of its family. */
  onOtherNetworks(network: NetworkId, address: string): PaidAddress[] {
    const all = this.inFamily.get(`${familyOf(network)}:${addressKey(address)}`) ?? [];
    return all.filter((entry) => entry.network !== network);
  }

  /**
   * Paid addresses of this family with the same ends, other than this address: a poisoned
   * 0x address works on every EVM chain, so the whole family is searched.
   */
  lookalikesOf(network: NetworkId, address: string): PaidAddress[] {
    const ends = lookalikeKey(address, network);
    if (ends === null) return [];
    const key = addressKey(address);
    return (this.alike.get(`${familyOf(network)}:${ends}`) ?? []).filter(
      (entry) => addressKey(entry.address) !== key,
    );
  }
}
