/** How a file was read, in words. */
import type {
  ColumnRole,
  DecimalSeparator,
  Delimiter,
  FileKind,
  TextEncodingName,
} from '../../../../shared/import';

export const ENCODING_LABELS: Readonly<Record<TextEncodingName, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};

export const DELIMITER_LABELS: Readonly<Record<Delimiter, string>> = {
  ',': 'Comma ( , )',
  ';': 'Semicolon ( ; )',
  '\t': 'Tab',
};

export const DECIMAL_LABELS: Readonly<Record<DecimalSeparator, string>> = {
  '.': 'Point (1234.56)',
  ',': 'Comma (1234,56)',
};

export const ROLE_LABELS: Readonly<Record<ColumnRole, string>> = {
  address: 'Address',
  amount: 'Amount',
  currency: 'Currency',
  comment: 'Comment',
  name: 'Recipient name',
};

export const FILE_KIND_LABELS: Readonly<Record<FileKind, string>> = {
  csv: 'Text (CSV)',
  xlsx: 'Excel workbook (.xlsx)',
  ods: 'OpenDocument spreadsheet (.ods)',
  xls: 'Excel 97-2003 workbook (.xls)',
};
