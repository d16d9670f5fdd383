/**
 * Column names people give the payout columns, matched whatever the case, spacing,
 * punctuation, accents or a unit in brackets ("Deposit Address", "AMOUNT (USDT)", "Währung").
 * A name may serve two roles ("Recipient" is an address in some files and the person's name
 * in most): the mapping gives it to the first role that has no better column.
 */
import type { ColumnRole } from './types';

// Earlier spellings win when two columns could serve one role: "Wallet address" beats a
// "Recipient" column that usually holds a name.
const SYNONYMS: Readonly<Record<ColumnRole, readonly string[]>> = {
  address: [
    'address',
    'walletaddress',
    'depositaddress',
    'recipientaddress',
    'payoutaddress',
    'destinationaddress',
    'receiveraddress',
    'cryptoaddress',
    'toaddress',
    'wallet',
    'recipientwallet',
    'addr',
    'destination',
    'recipient',
    'receiver',
    'to',
    'adresse',
    'walletadresse',
    'direccion',
    'indirizzo',
    'adres',
  ],
  amount: [
    'amount',
    'payoutamount',
    'paymentamount',
    'amounttopay',
    'amt',
    'sum',
    'value',
    'payout',
    'total',
    'quantity',
    'qty',
    'betrag',
    'summe',
    'montant',
    'importe',
    'monto',
    'importo',
    'bedrag',
  ],
  currency: [
    'currency',
    'currencycode',
    'asset',
    'coin',
    'token',
    'ticker',
    'symbol',
    'ccy',
    'cur',
    'wahrung',
    'waehrung',
    'devise',
    'moneda',
    'valuta',
    'munt',
  ],
  comment: [
    'comment',
    'comments',
    'note',
    'notes',
    'memo',
    'description',
    'reference',
    'ref',
    'remark',
    'remarks',
    'details',
    'purpose',
    'kommentar',
    'bemerkung',
    'verwendungszweck',
    'commentaire',
    'comentario',
    'nota',
    'referenz',
    'omschrijving',
    'buchungstext',
    'betreff',
    'narrative',
    'paymentreference',
    'paymentdetails',
  ],
  name: [
    'name',
    'recipientname',
    'payeename',
    'beneficiaryname',
    'employeename',
    'fullname',
    'payee',
    'beneficiary',
    'employee',
    'recipient',
    'receiver',
    'vendor',
    'supplier',
    'mitarbeiter',
    'mitarbeitername',
    'empfanger',
    'empfaenger',
    'empfangername',
    'begunstigter',
    'lieferant',
    'nom',
    'beneficiaire',
    'destinataire',
    'nombre',
    'nome',
    'naam',
  ],
};

export type KnownHeader = { role: ColumnRole; rank: number };

// Per spelling, every role it can name, in the order of SYNONYMS (address first).
const KNOWN = new Map<string, KnownHeader[]>();
for (const [role, names] of Object.entries(SYNONYMS) as [ColumnRole, readonly string[]][]) {
  names.forEach((name, rank) => {
    const roles = KNOWN.get(name);
    if (roles) roles.push({ role, rank });
    else KNOWN.set(name, [{ role, rank }]);
  });
}

const MAX_NAME = 200;
const BRACKETED = /\([^)]*\)|\[[^\]]*\]/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]/g;
const MARKS = /\p{M}/gu;

/** "Deposit Address (TRC-20)" -> "depositaddress"; "Währung" -> "wahrung". */
export function normalizeHeaderName(full: string): string {
  // No column name is this long; the cut also keeps the bracket pattern away from huge cells.
  const name = full.length > MAX_NAME ? full.slice(0, MAX_NAME) : full;
  const bare = name.replace(BRACKETED, ' ');
  // A name that is only a bracketed unit keeps it rather than becoming empty.
  const base = bare.trim() === '' ? name : bare;
  return base.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(NOT_ALPHANUMERIC, '');
}

/** The first role this column name can serve (the header search only counts roles). */
export function knownHeader(name: string): KnownHeader | undefined {
  return KNOWN.get(normalizeHeaderName(name))?.[0];
}

/** Every role this column name can serve, with its rank among that role's spellings. */
export function knownHeaderRoles(name: string): readonly KnownHeader[] {
  return KNOWN.get(normalizeHeaderName(name)) ?? [];
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const MAX_SIGNATURE = 500;

/**
 * A key for remembering a manual mapping: the same sheet exported again (or by a colleague,
 * with different capitalisation or spacing) gives the same signature.
 */
export function headerSignature(headers: readonly string[]): string {
  const names = headers.map(normalizeHeaderName);
  while (names.length > 0 && names.at(-1) === '') names.pop();
  const joined = names.join('|');
  if (joined.length <= MAX_SIGNATURE) return joined;
  // Very wide headers stay short enough to store, and still differ from one another.
  return `${joined.slice(0, MAX_SIGNATURE - 9)}#${fnv1a(joined)}`;
}
