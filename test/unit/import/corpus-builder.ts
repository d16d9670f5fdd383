/**
 * The import corpus: spreadsheet exports as messy as real ones, one concern per file where
 * possible. Every file is built here, byte for byte (BOMs, UTF-16, Windows-1252, CR line
 * endings, NBSP, zero-width characters), from valid checksummed addresses.
 * test/fixtures/import/generate.ts writes them to test/fixtures/import/, and corpus.test.ts
 * checks the files there still match. (It lives here, not in the fixtures folder, so the
 * TypeScript project of the tests type-checks it.)
 */
import { bech32m } from '@scure/base';
import { encodeAddress, toChecksumAddress } from '../../../shared/address';
import type { NetworkId } from '../../../shared/networks';

// ---- addresses --------------------------------------------------------------------------

/** A valid address derived from `n`, with varied bytes so EVM ones mix upper and lower case. */
function address(network: NetworkId, n: number): string {
  let state = (n * 0x9e3779b1) >>> 0 || 1;
  const hash = Uint8Array.from({ length: 20 }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state & 0xff;
  });
  return encodeAddress(network, hash);
}

/** The same first and last four hex digits after 0x, every other digit shifted: lower case. */
export function lookalikeOf(address: string): string {
  const body = address.slice(2).toLowerCase();
  const middle = body
    .slice(4, -4)
    .replace(/[0-9a-f]/g, (digit) => ((Number.parseInt(digit, 16) + 5) % 16).toString(16));
  return `0x${body.slice(0, 4)}${middle}${body.slice(-4)}`;
}

export const A = {
  tron: (n: number) => address('tron', n),
  eth: (n: number) => address('ethereum', n),
  btc: (n: number) => address('bitcoin', n),
  doge: (n: number) => address('dogecoin', n),
  btcLegacy: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
  btcScript: '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
  btcTaproot: 'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
  /** Valid bech32m, but no wallet can receive there yet (BIP 350: future versions). */
  btcWitness: (version: number, bytes: number) =>
    bech32m.encode('bc', [
      version,
      ...bech32m.toWords(Uint8Array.from({ length: bytes }, (_, index) => index * 7 + 1)),
    ]),
};

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** The same address with one character replaced by its neighbour in the alphabet. */
export function oneOff(address: string, at = 12): string {
  const alphabet = address.startsWith('bc1') ? BECH32 : BASE58;
  const char = address.charAt(at);
  const next = alphabet.charAt((alphabet.indexOf(char) + 1) % alphabet.length);
  return address.slice(0, at) + next + address.slice(at + 1);
}

/** An EIP-55 address with the case of one letter flipped: the checksum no longer matches. */
export function wrongCase(address: string): string {
  const checksummed = toChecksumAddress(address);
  const at = checksummed.slice(2).search(/[a-fA-F]/) + 2;
  const char = checksummed.charAt(at);
  const flipped = char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
  return checksummed.slice(0, at) + flipped + checksummed.slice(at + 1);
}

// ---- encodings --------------------------------------------------------------------------

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf8Bom = (text: string): Uint8Array => utf8(`\ufeff${text}`);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let index = 0; index < text.length; index += 1) {
    view.setUint16(2 + index * 2, text.charCodeAt(index), littleEndian);
  }
  return bytes;
}

const CP1252: Readonly<Record<string, number>> = { '€': 0x80, '’': 0x92, '–': 0x96 };

function windows1252(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text), (char) => {
    const code = char.charCodeAt(0);
    const mapped = CP1252[char] ?? (code < 0x100 ? code : undefined);
    if (mapped === undefined) throw new Error(`no Windows-1252 byte for ${char}`);
    return mapped;
  });
}

const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;
const lf = (lines: readonly string[]): string => `${lines.join('\n')}\n`;

const HEADER = 'address,amount,currency,comment';
const NBSP = '\u00a0';
const NNBSP = '\u202f';

// ---- the corpus -------------------------------------------------------------------------

function overCap(): string {
  const lines = [HEADER];
  for (let n = 0; n < 250; n += 1) lines.push(`${A.tron(1000 + n)},1.5,TRX,affiliate ${n + 1}`);
  return crlf(lines);
}

function hugeComment(): string {
  return crlf([HEADER, `${A.tron(1)},10,USDT_TRX,${'x'.repeat(100_000)}`]);
}

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
]);

// The first bytes of a real .xlsx (a ZIP holding [Content_Types].xml).
const XLSX = Uint8Array.from([
  0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee,
  0x9d, 0x68, 0x5e, 0x01, 0x00, 0x00, 0x90, 0x04, 0x00, 0x00, 0x13, 0x00, 0x08, 0x02, 0x5b, 0x43,
  0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x5f, 0x54, 0x79, 0x70, 0x65, 0x73, 0x5d, 0x2e, 0x78, 0x6d,
  0x6c, 0x20, 0xa2, 0x04, 0x02, 0x28, 0xa0, 0x00, 0x02,
]);

export function buildCorpus(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const add = (name: string, bytes: Uint8Array): void => {
    files.set(name, bytes);
  };

  // Encodings
  add(
    'excel-utf8-bom.csv',
    utf8Bom(
      crlf([
        HEADER,
        `${A.tron(1)},150.25,USDT_TRX,June payroll`,
        `${A.eth(2)},0.05,ETH,Zoë Müller`,
        `${A.btc(3)},0.0015,BTC,`,
      ]),
    ),
  );
  const unicodeText = crlf([
    'address\tamount\tcurrency\tcomment',
    `${A.tron(4)}\t1250.5\tUSDT_TRX\tZoë – design`,
    `${A.eth(5)}\t99\tUSDT\t日本語 comment`,
  ]);
  add('utf16le-bom-tab.txt', utf16(unicodeText, true));
  add('utf16be-bom-tab.txt', utf16(unicodeText, false));
  add(
    'windows-1252.csv',
    windows1252(
      crlf([
        HEADER,
        `${A.tron(6)},10,USDT_TRX,Café bonus 10€`,
        `${A.tron(7)},20,USDT_TRX,Frédéric’s refund`,
      ]),
    ),
  );
  add(
    'utf8-no-bom-accents.csv',
    utf8(lf([HEADER, `${A.tron(8)},10,USDT_TRX,Café €`, `${A.tron(9)},20,USDT_TRX,Ørsted`])),
  );

  // Delimiters and quoting
  add(
    'semicolon-decimal-comma.csv',
    utf8Bom(
      crlf([
        'address;amount;currency;comment',
        `${A.tron(10)};1.234,56;USDT_TRX;Gehalt Juni`,
        `${A.tron(11)};0,5;USDT_TRX;Prämie, klein`,
        `${A.tron(12)};12,00;USDT_TRX;`,
      ]),
    ),
  );
  add(
    'tab-delimited.tsv',
    utf8(
      lf([
        'address\tamount\tcurrency\tcomment',
        `${A.tron(13)}\t5\tUSDT_TRX\tone, two`,
        `${A.eth(14)}\t0.25\tETH\tthree; four`,
      ]),
    ),
  );
  add(
    'quoted-multiline.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(15)},10,USDT_TRX,"Bonus, June"`,
        `${A.tron(16)},20,USDT_TRX,"He said ""thanks"""`,
        `${A.tron(17)},30,USDT_TRX,"line one\r\nline two, still the comment\r\nline three"`,
        `${A.tron(18)},40,USDT_TRX,after the multi-line cell`,
        `"${A.tron(19)}","50","USDT_TRX","all quoted"`,
      ]),
    ),
  );
  add(
    'blank-lines.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(20)},1,USDT_TRX,first`,
        '',
        '   ',
        `${A.tron(21)},2,USDT_TRX,after two blank lines`,
        '',
        `${A.tron(22)},3,USDT_TRX,last`,
        ...Array.from({ length: 40 }, () => ''),
      ]),
    ),
  );
  add(
    'only-delimiters.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(23)},1,USDT_TRX,`,
        ',,,',
        `${A.tron(24)},2,USDT_TRX,`,
        ',,,',
        ', , ,',
        ',,,',
      ]),
    ),
  );

  // Line endings
  const endings = [HEADER, `${A.tron(25)},1,USDT_TRX,a`, `${A.tron(26)},2,USDT_TRX,b`];
  add('line-endings-crlf.csv', utf8(endings.join('\r\n')));
  add('line-endings-lf.csv', utf8(endings.join('\n')));
  add('line-endings-cr.csv', utf8(`${endings.join('\r')}\r`));
  add(
    'line-endings-mixed.csv',
    utf8(
      `${HEADER}\r\n${A.tron(25)},1,USDT_TRX,a\n${A.tron(26)},2,USDT_TRX,b\r${A.tron(27)},3,USDT_TRX,c\r\n`,
    ),
  );

  // Headers and mapping
  add(
    'header-spellings.csv',
    utf8(crlf(['Wallet,Sum,Asset,Memo', `${A.tron(28)},7,USDT_TRX,spelled differently`])),
  );
  add(
    'header-deposit-address.csv',
    utf8(
      crlf([
        '" Deposit Address ";"PAYOUT (USDT)";"Coin";"Description"',
        `${A.eth(29)};15;USDT;quoted header, spaces, unit in brackets`,
      ]),
    ),
  );
  add(
    'extra-columns-reordered.csv',
    utf8(
      crlf([
        'Employee ID,Name,Comment,Currency,Department,Amount,Wallet Address,Start date',
        `E-17,Ana Lima,June,USDT_TRX,Sales,1200,${A.tron(30)},2021-03-01`,
        `E-18,Ben Ode,June,ETH,Ops,0.4,${A.eth(31)},2022-07-15`,
      ]),
    ),
  );
  add(
    'missing-amount-column.csv',
    utf8(crlf(['address,currency,comment', `${A.tron(32)},USDT_TRX,no amount column`])),
  );
  add(
    'missing-currency-column.csv',
    utf8(crlf(['address,amount,comment', `${A.tron(33)},10,a`, `${A.tron(34)},20,b`])),
  );
  add(
    'no-header.csv',
    utf8(crlf([`${A.tron(35)},10,USDT_TRX,first row is data`, `${A.eth(36)},0.5,ETH,second`])),
  );
  add(
    'title-rows.csv',
    utf8(crlf(['Payroll June 2025', '', HEADER, `${A.tron(37)},10,USDT_TRX,below a title line`])),
  );

  // Amounts
  add(
    'thousands-separators.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(38)},"1,234.56",USDT_TRX,comma groups`,
        `${A.tron(39)},1'234.56,USDT_TRX,apostrophe groups`,
        `${A.tron(40)},"1,234,567.5",USDT_TRX,two comma groups`,
        `${A.tron(41)},1 234.5,USDT_TRX,space groups`,
      ]),
    ),
  );
  add(
    'thousands-european.csv',
    utf8(
      crlf([
        'address;amount;currency;comment',
        `${A.tron(42)};1.234,56;USDT_TRX;point groups`,
        `${A.tron(43)};1${NBSP}234,56;USDT_TRX;NBSP groups`,
        `${A.tron(44)};1${NNBSP}234${NNBSP}567,5;USDT_TRX;narrow NBSP groups`,
        `${A.tron(45)};1 234;USDT_TRX;space groups, no decimals`,
      ]),
    ),
  );
  add(
    'ambiguous-no-evidence.csv',
    utf8(
      crlf([
        'address;amount;currency;comment',
        `${A.tron(46)};1,000;USDT_TRX;one thousand or one?`,
        `${A.tron(47)};2.500;USDT_TRX;two thousand five hundred or two and a half?`,
        `${A.tron(48)};100;USDT_TRX;plain`,
      ]),
    ),
  );
  add(
    'ambiguous-with-evidence.csv',
    utf8(
      crlf([
        'address;amount;currency;comment',
        `${A.tron(49)};1,000;USDT_TRX;comma is decimal here`,
        `${A.tron(50)};0,5;USDT_TRX;evidence`,
        `${A.tron(51)};1.234,56;USDT_TRX;evidence`,
        `${A.tron(52)};2.500;USDT_TRX;point groups thousands here`,
      ]),
    ),
  );
  add(
    'mixed-decimal-separators.csv',
    utf8(
      crlf([
        'address;amount;currency;comment',
        `${A.tron(53)};0,5;USDT_TRX;`,
        `${A.tron(54)};1,25;USDT_TRX;`,
        `${A.tron(55)};2.75;USDT_TRX;the odd one out`,
      ]),
    ),
  );
  add(
    'scientific-notation.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(56)},1.5E+3,USDT_TRX,`,
        `${A.eth(57)},1e-7,ETH,`,
        `${A.tron(58)},1.23457E+11,USDT_TRX,rounded by Excel`,
      ]),
    ),
  );
  add(
    'precision-loss.csv',
    utf8(
      crlf([
        HEADER,
        `${A.eth(59)},1234567.89012345000,ETH,15 digits then zeros`,
        `${A.eth(60)},12345678901234567000,ETH,float digits then zeros`,
        `${A.eth(61)},1.000000000000000000,ETH,just formatting`,
        `${A.eth(62)},0.123456789012345678,ETH,exact 18 decimals`,
      ]),
    ),
  );
  add(
    'amount-caps.csv',
    utf8(
      crlf([
        HEADER,
        `${A.btc(70)},21000000,BTC,exactly the cap`,
        `${A.btc(71)},21000000.00000001,BTC,one satoshi above the cap`,
        `${A.tron(72)},1000000000000000000000000000000000000000,TRX,10^39`,
        `${A.eth(73)},123456789012.123456789012345678,ETH,30 significant digits above the ETH cap`,
        `${A.tron(74)},1234567890123456789012345.123456,TRX,31 significant digits`,
        `${A.tron(75)},123456789.123456,USDT_TRX,large but plausible`,
      ]),
    ),
  );
  add(
    'too-many-decimals.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(63)},1.1234567,USDT_TRX,7 decimals`,
        `${A.tron(64)},1.123456,USDT_TRX,6 decimals`,
        `${A.tron(65)},1.1200000,USDT_TRX,trailing zeros`,
        `${A.eth(66)},0.000000000000000001,ETH,1 wei`,
        `${A.eth(67)},0.0000000000000000001,ETH,19 decimals`,
      ]),
    ),
  );
  add(
    'zero-negative.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(68)},0,USDT_TRX,zero`,
        `${A.tron(69)},0.00,USDT_TRX,zero with decimals`,
        `${A.tron(70)},-5,USDT_TRX,minus`,
        `${A.tron(71)},(5),USDT_TRX,accounting negative`,
        `${A.tron(72)},5-,USDT_TRX,trailing minus`,
        `${A.tron(73)},\u22125,USDT_TRX,unicode minus`,
      ]),
    ),
  );
  add(
    'text-amounts.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(74)},abc,USDT_TRX,`,
        `${A.tron(75)},#VALUE!,USDT_TRX,formula error`,
        `${A.tron(76)},,USDT_TRX,empty`,
        `${A.tron(77)},1.2.3,USDT_TRX,`,
        `${A.tron(78)},12 34,USDT_TRX,`,
        `${A.tron(79)},ten,USDT_TRX,`,
      ]),
    ),
  );
  add(
    'currency-in-amount.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(80)},$100,USDT_TRX,`,
        `${A.tron(81)},100 USDT,USDT_TRX,`,
        `${A.tron(82)},€ 50,USDT_TRX,`,
        `${A.tron(83)},100USD,USDT_TRX,`,
        `${A.tron(84)},"1,000.00 $",USDT_TRX,`,
      ]),
    ),
  );

  // Addresses
  const eth = A.eth(85);
  add(
    'evm-checksum.csv',
    utf8(
      crlf([
        HEADER,
        `${eth},1,ETH,checksummed`,
        `${wrongCase(A.eth(86))},1,ETH,one letter in the wrong case`,
        `${A.eth(87).toLowerCase()},1,ETH,all lowercase`,
        `0x${A.eth(88).slice(2).toUpperCase()},1,ETH,all uppercase`,
        `${A.eth(89).slice(0, -1)},1,ETH,one character short`,
      ]),
    ),
  );
  add(
    'tron-bitcoin-doge.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(90)},1,TRX,valid Tron`,
        `${oneOff(A.tron(91))},1,TRX,Tron one character off`,
        `${A.btc(92)},0.001,BTC,valid bech32`,
        `${oneOff(A.btc(93))},0.001,BTC,bech32 one character off`,
        `${A.btcLegacy},0.001,BTC,valid legacy`,
        `${oneOff(A.btcLegacy)},0.001,BTC,legacy one character off`,
        `${A.btcScript},0.001,BTC,valid script hash`,
        `${A.doge(94)},100,XDG,valid Dogecoin`,
        `${oneOff(A.doge(95))},100,XDG,Dogecoin one character off`,
      ]),
    ),
  );
  add(
    'bitcoin-taproot.csv',
    utf8(
      crlf([
        HEADER,
        `${A.btcTaproot},0.01,BTC,taproot (bech32m)`,
        `${oneOff(A.btcTaproot, 20)},0.01,BTC,taproot one character off`,
      ]),
    ),
  );
  add(
    'bitcoin-witness-versions.csv',
    utf8(
      crlf([
        HEADER,
        `${A.btcWitness(2, 32)},0.01,BTC,witness version 2`,
        `${A.btcWitness(1, 20)},0.01,BTC,version 1 with 20 bytes`,
        `${A.btcWitness(16, 2)},0.01,BTC,witness version 16`,
        `${A.btcWitness(1, 32)},0.01,BTC,taproot`,
      ]),
    ),
  );
  // Address risks (issue 12), read with the paid addresses corpus.test.ts gives: a paid
  // address, its look-alike (same first and last four, all lower case), an address paid
  // only on Polygon, Tether's own contract, a first payment, and a typo (no risk verdict).
  add(
    'address-risks.csv',
    utf8(
      crlf([
        HEADER,
        `${A.eth(501)},10,USDT,paid before`,
        `${lookalikeOf(A.eth(501))},10,USDT,look-alike`,
        `${A.eth(502)},10,USDT,paid on Polygon only`,
        `0xdAC17F958D2ee523a2206206994597C13D831ec7,10,USDT,the token contract`,
        `${A.tron(503)},10,USDT_TRX,never paid`,
        `${A.tron(504).slice(0, -1)}${A.tron(504).endsWith('a') ? 'b' : 'a'},10,USDT_TRX,typo`,
      ]),
    ),
  );
  // A German payroll export (issue 11 part 3, issue 12's label check): the employee's name
  // ("Mitarbeiter"), a booking text as the comment, two columns the payout does not use
  // (kept per row, in file order) and a trailing delimiter, which makes an unnamed empty
  // column that is not kept. corpus.test.ts gives the address book's labels.
  add(
    'payroll-names.csv',
    utf8Bom(
      crlf([
        'Personalnummer;Mitarbeiter;Wallet;Betrag;W\u00e4hrung;Buchungstext;Kostenstelle;',
        `P-1;anna  SCHMIDT;${A.eth(511)};100,50;USDT;Gehalt Juni;4711;`,
        `P-2;Bernd Weber;${A.eth(512)};200;USDT;Gehalt Juni;4711;`,
        `P-3;Carla Fischer;${A.eth(513)};300;USDT;Gehalt Juni;4712;`,
        `P-4;;${A.tron(514)};5;USDT_TRX;Bonus;4712;`,
      ]),
    ),
  );
  add(
    'wrong-network.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(96)},10,USDT,Tron address for USDT on Ethereum`,
        `${A.eth(97)},10,USDT_TRX,Ethereum address for USDT on Tron`,
        `${A.btc(98)},10,XDG,Bitcoin address for Dogecoin`,
        `${A.eth(99)},10,BNB,an Ethereum address is fine on BNB Smart Chain`,
      ]),
    ),
  );
  add(
    'invisible-characters.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(100).slice(0, 10)}\u200b${A.tron(100).slice(10)},1,USDT_TRX,zero-width space inside`,
        `\ufeff${A.tron(101)},1,USDT_TRX,byte-order mark in the middle of the file`,
        `${NBSP}${A.tron(102)}${NBSP},1,USDT_TRX,non-breaking spaces around`,
        `  ${A.tron(103)} ,1,USDT_TRX,stray spaces`,
        `${A.eth(104)}\u200e,1,ETH,left-to-right mark`,
        `${oneOff(A.tron(105))}\u200d,1,USDT_TRX,zero-width joiner and a typo`,
        `${A.tron(106)},1\u200b,USDT_TRX,zero-width space in the amount`,
      ]),
    ),
  );

  // Currencies
  add(
    'lowercase-currency.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(107)},1,usdt_trx,`,
        `${A.eth(108)},1,Eth,`,
        `${A.btc(109)},0.1, btc ,`,
      ]),
    ),
  );
  add(
    'unknown-currency.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(110)},1,USDT-TRC20,`,
        `${A.tron(111)},1,EUR,`,
        `${A.tron(112)},1,,empty currency`,
      ]),
    ),
  );

  // Duplicates
  const twice = A.tron(113);
  const ethTwice = A.eth(114);
  add(
    'duplicates-in-file.csv',
    utf8(
      crlf([
        HEADER,
        `${twice},10,USDT_TRX,first`,
        `${A.tron(115)},10,USDT_TRX,someone else`,
        `${twice},10,USDT_TRX,second`,
        `${ethTwice},1,ETH,checksummed`,
        `${twice},25,USDT_TRX,third, other amount`,
        `${ethTwice.toLowerCase()},1,ETH,same address in lowercase`,
      ]),
    ),
  );
  add(
    'duplicates-recent.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(116)},100,USDT_TRX,paid last week`,
        `${A.tron(117)},100.5,USDT_TRX,paid 100 last week: another amount`,
        `${A.tron(118)},100,TRX,paid 100 USDT_TRX last week: another currency`,
      ]),
    ),
  );

  // Batches
  add(
    'mixed-currencies.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(119)},0.1,USDT_TRX,`,
        `${A.eth(120)},0.5,ETH,`,
        `${A.tron(121)},0.2,USDT_TRX,`,
        `${A.btc(122)},0.00000001,BTC,`,
        `${A.tron(123)},0.3,USDT_TRX,`,
        `${A.eth(124)},abc,ETH,an error row stays out`,
        `${A.eth(125)},0.25,ETH,`,
      ]),
    ),
  );
  add('over-cap-250-trx.csv', utf8(overCap()));

  // Not a payout list at all
  add('empty.csv', new Uint8Array(0));
  add('header-only.csv', utf8(crlf([HEADER])));
  add('image.png', PNG);
  add('workbook.xlsx', XLSX);
  add('huge-comment.csv', utf8(hugeComment()));
  add('huge-single-line.csv', utf8('1,'.repeat(150_000)));
  add(
    'huge-cells.csv',
    utf8(
      crlf([
        `address,amount,currency,${'('.repeat(50_000)}`,
        `${A.tron(130)},${'1'.repeat(50_000)}x,USDT_TRX,`,
        `${A.tron(131)},2,USDT_TRX,`,
      ]),
    ),
  );
  add(
    'unclosed-quote.csv',
    utf8(
      crlf([
        HEADER,
        `${A.tron(126)},1,USDT_TRX,fine`,
        `${A.tron(127)},2,USDT_TRX,"a quote that never closes`,
        `${A.tron(128)},3,USDT_TRX,swallowed`,
        `${A.tron(129)},4,USDT_TRX,swallowed too`,
      ]),
    ),
  );
  return files;
}
