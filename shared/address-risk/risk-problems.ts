/**
 * Address risk verdicts: checks of a row's address against everything this account has
 * paid before and the known token contracts. They run after the address passed its format
 * and checksum check; each problem has a sentence a person can act on.
 */
import { addressKey } from '../import/address-key';
import { problem, quote } from '../import/problems';
import type { ImportProblem } from '../import/types';
import { NETWORKS, type NetworkId } from '../networks';
import type { PaidAddresses } from './paid-addresses';
import { TOKEN_CONTRACTS, type TokenContract } from './token-contracts';

const CONTRACTS = new Map<string, TokenContract>(
  TOKEN_CONTRACTS.map((entry) => [
    `${NETWORKS[entry.network].addressKind}:${addressKey(entry.address)}`,
    entry,
  ]),
);

/** The token contract this address is, on this network's family (a 0x contract of any EVM chain). */
export function tokenContractAt(network: NetworkId, address: string): TokenContract | undefined {
  return CONTRACTS.get(`${NETWORKS[network].addressKind}:${addressKey(address)}`);
}

export type RiskRow = {
  address: string;
  network: NetworkId;
  /** The recipient's name from a pass-through column, when the file had one. */
  name?: string | null;
};

function sameName(a: string, b: string): boolean {
  const fold = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return fold(a) === fold(b);
}

function networkList(networks: readonly NetworkId[]): string {
  const labels = [...new Set(networks)].map((network) => NETWORKS[network].label);
  return labels.length <= 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1) ?? ''}`;
}

function named(label: string | null): string {
  return label ? ` (${quote(label)})` : '';
}

/** A risk verdict as the UI gets it (the payout form's preview). */
export type AddressRisk = Pick<ImportProblem, 'code' | 'message' | 'severity'>;

/**
 * The errors a person may accept after checking with the recipient. A token contract is
 * never accepted: nobody can receive there.
 */
export const ACCEPTABLE_RISKS = ['ADDRESS_LOOKALIKE'] as const;
export type AcceptableRisk = (typeof ACCEPTABLE_RISKS)[number];

export function addressRiskProblems(row: RiskRow, paid: PaidAddresses): ImportProblem[] {
  const { address, network } = row;
  const { label } = NETWORKS[network];
  const contract = tokenContractAt(network, address);
  if (contract) {
    const where = contract.network === network ? '' : ` on ${NETWORKS[contract.network].label}`;
    return [
      problem(
        'ADDRESS_IS_CONTRACT',
        `This is the contract address of ${contract.token}${where}, not a wallet: a payout sent there is lost. Ask the recipient for their own ${label} address.`,
      ),
    ];
  }
  const known = paid.find(network, address);
  if (known) {
    if (row.name && known.label && !sameName(row.name, known.label)) {
      return [
        problem(
          'ADDRESS_LABEL_MISMATCH',
          `The name ${quote(row.name)} differs from this address's label in the address book, ${quote(known.label)}. Check that the address belongs to this recipient.`,
        ),
      ];
    }
    return [];
  }
  const alike = paid.lookalikesOf(network, address)[0];
  if (alike) {
    return [
      problem(
        'ADDRESS_LOOKALIKE',
        `This address looks like ${quote(alike.address)}${named(alike.label)}, paid before from this account: the same first and last characters, but a different address. Address poisoning works this way. Check the whole address with the recipient before confirming it.`,
      ),
    ];
  }
  const elsewhere = paid.onOtherNetworks(network, address);
  if (elsewhere.length > 0) {
    return [
      problem(
        'ADDRESS_OTHER_NETWORK',
        `This address was paid before from this account only on ${networkList(elsewhere.map((entry) => entry.network))}, never on ${label}. Check that the recipient can receive on ${label}.`,
      ),
    ];
  }
  return [
    problem(
      'ADDRESS_FIRST_PAYMENT',
      `This account has never paid this address. Check it with the recipient, or send a test payment first.`,
    ),
  ];
}
