/**
 * Recipient address checks per network, checksums included: EIP-55 for EVM chains,
 * base58check for Bitcoin legacy, Tron and Dogecoin, bech32/bech32m for Bitcoin segwit.
 * Hashing and encodings come from audited libraries (@noble/hashes, hash-wasm's Keccak once a
 * host installs it, @scure/base; shared/sha256.ts and shared/keccak256.ts); the checks
 * call them directly on bytes, without building hex or checksum strings, because a file's
 * import is mostly this work (docs/import.md, "Address checks").
 */
import { base58, bech32, bech32m, createBase58check, utf8 } from '@scure/base';
import { keccak256Into } from './keccak256';
import { NETWORKS, type NetworkId } from './networks';
import { sha256 } from './sha256';

export type AddressProblemCode =
  | 'ADDRESS_EMPTY'
  | 'ADDRESS_FORMAT'
  | 'ADDRESS_CHECKSUM'
  | 'ADDRESS_WRONG_NETWORK'
  | 'ADDRESS_NOT_PAYABLE';

export type AddressCheck =
  { ok: true } | { ok: false; code: AddressProblemCode; message: string; looksLike?: NetworkId };

// Encoding only (encodeAddress): checks decode with base58 and hash through shared/sha256.ts.
const base58check = createBase58check(sha256);

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** EIP-55 mixed-case checksum form of a 0x address. */
export function toChecksumAddress(address: string): string {
  const lower = address.slice(2).toLowerCase();
  const digest = new Uint8Array(32);
  keccak256Into(utf8.decode(lower), digest);
  const hash = toHex(digest);
  let out = '0x';
  for (let i = 0; i < lower.length; i += 1) {
    const char = lower.charAt(i);
    out += parseInt(hash.charAt(i), 16) >= 8 ? char.toUpperCase() : char;
  }
  return out;
}

/** `unpayable`: well-formed, but nobody can spend what is sent there (the sentence says why). */
type FamilyCheck = 'ok' | 'checksum' | 'format' | { unpayable: string };

// One shared answer for every valid address: a large file's cache holds hundreds of thousands.
const OK: AddressCheck = Object.freeze({ ok: true });

const EVM_FORMAT = /^0x[0-9a-fA-F]{40}$/;
// The lower-case hex digits of an address body, as ASCII: what EIP-55 hashes, and its
// digest. Both reused, since checks are synchronous and the hash does not keep its input.
const evmBody = new Uint8Array(40);
const evmHash = new Uint8Array(32);

/**
 * EIP-55 without strings: hash the lower-case body, then each letter must be upper case
 * exactly when its hash nibble is 8 or more. The same rule as comparing with
 * toChecksumAddress (a unit test holds them together), at half the cost.
 */
function checkEvm(address: string): FamilyCheck {
  if (!EVM_FORMAT.test(address)) return 'format';
  let lower = false;
  let upper = false;
  for (let index = 0; index < 40; index += 1) {
    let code = address.charCodeAt(index + 2);
    if (code >= 0x61) lower = true;
    else if (code >= 0x41) {
      upper = true;
      code += 0x20;
    }
    evmBody[index] = code;
  }
  // All-lower or all-upper carries no checksum (EIP-55); mixed case must match it exactly.
  if (!lower || !upper) return 'ok';
  keccak256Into(evmBody, evmHash);
  const hash = evmHash;
  for (let index = 0; index < 40; index += 1) {
    const code = address.charCodeAt(index + 2);
    if (code < 0x41) continue; // a digit has no case
    const byte = hash[index >> 1] ?? 0;
    const nibble = (index & 1) === 1 ? byte & 0x0f : byte >> 4;
    if (nibble >= 8 !== code < 0x61) return 'checksum';
  }
  return 'ok';
}

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;

/**
 * base58check as @scure/base's createBase58check decodes it (payload, then the first 4 bytes
 * of SHA-256(SHA-256(payload))), with the hash through shared/sha256.ts and no copies.
 */
function decodeBase58check(address: string): Uint8Array | 'checksum' | 'format' {
  if (!BASE58.test(address)) return 'format';
  let data: Uint8Array;
  try {
    data = base58.decode(address);
  } catch {
    return 'format';
  }
  if (data.length < 4) return 'checksum';
  const payload = data.subarray(0, data.length - 4);
  const hash = sha256(sha256(payload));
  for (let index = 0; index < 4; index += 1) {
    if (hash[index] !== data[payload.length + index]) return 'checksum';
  }
  return payload;
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

// Patterns and version lists at module level: a literal inside a function is a new RegExp
// (and a new array) on every call, and every row of a file makes one of these calls.
const TRON_FORMAT = /^T[1-9A-HJ-NP-Za-km-z]{33}$/;
const TRON_VERSIONS = [0x41];
// D... pay-to-pubkey-hash (0x1e); 9... or A... pay-to-script-hash (0x16).
const DOGECOIN_FORMAT = /^[DA9][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const DOGECOIN_VERSIONS = [0x1e, 0x16];
// 1... pay-to-pubkey-hash (0x00); 3... pay-to-script-hash (0x05).
const BITCOIN_LEGACY_FORMAT = /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const BITCOIN_LEGACY_VERSIONS = [0x00, 0x05];
const SEGWIT_PREFIX = /^bc1/i;
const SEGWIT_FORMAT = /^bc1[02-9ac-hj-np-z]{8,87}$/;

function checkTron(address: string): FamilyCheck {
  return checkBase58Versioned(address, TRON_FORMAT, TRON_VERSIONS);
}

function checkDogecoin(address: string): FamilyCheck {
  return checkBase58Versioned(address, DOGECOIN_FORMAT, DOGECOIN_VERSIONS);
}

function checkBitcoinSegwit(address: string): FamilyCheck {
  const lower = address.toLowerCase();
  if (address !== lower && address !== address.toUpperCase()) return 'format';
  if (!SEGWIT_FORMAT.test(lower)) return 'format';
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
  if (program.length < 2 || program.length > 40) return 'format';
  // BIP 350 keeps versions 1-16 for future upgrades; today only a 32-byte version 1
  // program (Taproot) is defined. Coins sent to any other would be lost or anyone's to take.
  if (version === 1 && program.length !== 32) {
    return {
      unpayable: `This bc1p address carries a ${String(program.length)}-byte program, but a Taproot address carries exactly 32 bytes: no wallet can receive there. Ask the recipient for their address again.`,
    };
  }
  if (version > 1) {
    return {
      unpayable: `This Bitcoin address uses witness version ${String(version)}, which no wallet can receive yet: a payout sent there could be lost. Ask the recipient for a bc1q… or bc1p… address.`,
    };
  }
  return 'ok';
}

function checkBitcoin(address: string): FamilyCheck {
  if (SEGWIT_PREFIX.test(address)) return checkBitcoinSegwit(address);
  return checkBase58Versioned(address, BITCOIN_LEGACY_FORMAT, BITCOIN_LEGACY_VERSIONS);
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
  if (result === 'ok') return OK;
  if (typeof result === 'object') {
    return { ok: false, code: 'ADDRESS_NOT_PAYABLE', message: result.unpayable };
  }
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
