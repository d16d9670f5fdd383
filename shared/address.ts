/**
 * Recipient address checks per network, checksums included: EIP-55 for EVM chains,
 * base58check for Bitcoin legacy, Tron and Dogecoin, bech32/bech32m for Bitcoin segwit.
 * Hashing and encodings come from audited libraries (@noble/hashes, @scure/base).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bech32, bech32m, createBase58check, utf8 } from '@scure/base';
import { NETWORKS, type NetworkId } from './networks';

export type AddressProblemCode =
  'ADDRESS_EMPTY' | 'ADDRESS_FORMAT' | 'ADDRESS_CHECKSUM' | 'ADDRESS_WRONG_NETWORK';

export type AddressCheck =
  { ok: true } | { ok: false; code: AddressProblemCode; message: string; looksLike?: NetworkId };

const base58check = createBase58check(sha256);

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** EIP-55 mixed-case checksum form of a 0x address. */
export function toChecksumAddress(address: string): string {
  const lower = address.slice(2).toLowerCase();
  const hash = toHex(keccak_256(utf8.decode(lower)));
  let out = '0x';
  for (let i = 0; i < lower.length; i += 1) {
    const char = lower.charAt(i);
    out += parseInt(hash.charAt(i), 16) >= 8 ? char.toUpperCase() : char;
  }
  return out;
}

type FamilyCheck = 'ok' | 'checksum' | 'format';

function checkEvm(address: string): FamilyCheck {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return 'format';
  const body = address.slice(2);
  // All-lower or all-upper carries no checksum (EIP-55); mixed case must match it exactly.
  if (body === body.toLowerCase() || body === body.toUpperCase()) return 'ok';
  return toChecksumAddress(address) === address ? 'ok' : 'checksum';
}

function decodeBase58check(address: string): Uint8Array | 'checksum' | 'format' {
  if (!/^[1-9A-HJ-NP-Za-km-z]+$/.test(address)) return 'format';
  try {
    return base58check.decode(address);
  } catch (error) {
    return error instanceof Error && /checksum/i.test(error.message) ? 'checksum' : 'format';
  }
}

function checkBase58Versioned(
  address: string,
  pattern: RegExp,
  versions: readonly number[],
): FamilyCheck {
  if (!pattern.test(address)) return 'format';
  const decoded = decodeBase58check(address);
  if (typeof decoded === 'string') return decoded;
  const version = decoded[0];
  return decoded.length === 21 && version !== undefined && versions.includes(version)
    ? 'ok'
    : 'format';
}

function checkTron(address: string): FamilyCheck {
  return checkBase58Versioned(address, /^T[1-9A-HJ-NP-Za-km-z]{33}$/, [0x41]);
}

function checkDogecoin(address: string): FamilyCheck {
  // D... pay-to-pubkey-hash (0x1e); 9... or A... pay-to-script-hash (0x16).
  return checkBase58Versioned(address, /^[DA9][1-9A-HJ-NP-Za-km-z]{25,34}$/, [0x1e, 0x16]);
}

function checkBitcoinSegwit(address: string): FamilyCheck {
  const lower = address.toLowerCase();
  if (address !== lower && address !== address.toUpperCase()) return 'format';
  if (!/^bc1[02-9ac-hj-np-z]{8,87}$/.test(lower)) return 'format';
  const witnessVersion = lower.charAt(3) === 'q' ? 0 : 1;
  const coder = witnessVersion === 0 ? bech32 : bech32m;
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = coder.decode(lower as `${string}1${string}`, 90);
  } catch {
    return 'checksum';
  }
  const [version, ...programWords] = decoded.words;
  if (decoded.prefix !== 'bc' || version === undefined || version > 16) return 'format';
  let program: Uint8Array;
  try {
    program = coder.fromWords(programWords);
  } catch {
    return 'format';
  }
  if (version === 0) return program.length === 20 || program.length === 32 ? 'ok' : 'format';
  return program.length >= 2 && program.length <= 40 ? 'ok' : 'format';
}

function checkBitcoin(address: string): FamilyCheck {
  if (/^bc1/i.test(address)) return checkBitcoinSegwit(address);
  // 1... pay-to-pubkey-hash (0x00); 3... pay-to-script-hash (0x05).
  return checkBase58Versioned(address, /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/, [0x00, 0x05]);
}

const FAMILY_CHECKS = {
  evm: checkEvm,
  bitcoin: checkBitcoin,
  tron: checkTron,
  dogecoin: checkDogecoin,
} as const;

const FAMILY_EXAMPLES = {
  evm: '0x followed by 40 hexadecimal characters',
  bitcoin: 'bc1…, 1… or 3…',
  tron: 'T followed by 33 letters and digits',
  dogecoin: 'D…, A… or 9…',
} as const;

/** Which network's format an address has, if any (used to explain a mismatch). */
export function guessAddressNetwork(address: string): NetworkId | undefined {
  if (checkEvm(address) !== 'format') return 'ethereum';
  if (checkTron(address) !== 'format') return 'tron';
  if (checkBitcoin(address) !== 'format') return 'bitcoin';
  if (checkDogecoin(address) !== 'format') return 'dogecoin';
  return undefined;
}

/** Checks `address` for `network`; the message names the network and what was expected. */
export function checkAddress(address: string, network: NetworkId): AddressCheck {
  if (address.length === 0) {
    return { ok: false, code: 'ADDRESS_EMPTY', message: 'The address is empty.' };
  }
  const { addressKind, label } = NETWORKS[network];
  const result = FAMILY_CHECKS[addressKind](address);
  if (result === 'ok') return { ok: true };
  if (result === 'checksum') {
    return {
      ok: false,
      code: 'ADDRESS_CHECKSUM',
      message: `The ${label} address has a wrong checksum: a character was probably mistyped.`,
    };
  }
  const looksLike = guessAddressNetwork(address);
  if (looksLike !== undefined && NETWORKS[looksLike].addressKind !== addressKind) {
    return {
      ok: false,
      code: 'ADDRESS_WRONG_NETWORK',
      message: `This looks like a ${NETWORKS[looksLike].label} address, but the currency is paid on ${label}.`,
      looksLike,
    };
  }
  return {
    ok: false,
    code: 'ADDRESS_FORMAT',
    message: `This is not a valid ${label} address (expected ${FAMILY_EXAMPLES[addressKind]}).`,
  };
}

/**
 * Encodes a 20-byte hash as a valid address of `network` (checksummed). The simulator seeds
 * its demo history with these and tests build valid and near-miss fixtures from them.
 */
export function encodeAddress(network: NetworkId, hash20: Uint8Array): string {
  if (hash20.length !== 20) throw new RangeError('an address hash is exactly 20 bytes');
  const withVersion = (version: number): Uint8Array => {
    const bytes = new Uint8Array(21);
    bytes[0] = version;
    bytes.set(hash20, 1);
    return bytes;
  };
  switch (NETWORKS[network].addressKind) {
    case 'evm':
      return toChecksumAddress(`0x${toHex(hash20)}`);
    case 'tron':
      return base58check.encode(withVersion(0x41));
    case 'dogecoin':
      return base58check.encode(withVersion(0x1e));
    case 'bitcoin':
      return bech32.encode('bc', [0, ...bech32.toWords(hash20)]);
  }
}
