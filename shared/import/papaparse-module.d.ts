// The importer loads papaparse's browser build by its file path: @types/papaparse references
// Node's types, which would make Buffer, process and friends type-check everywhere in shared/,
// and the Node build requires 'stream', which a browser worker bundle cannot resolve. The
// parser is the same in both builds. Only the synchronous string parse is used, whole or
// one record at a time (`step`, for large files).
declare module 'papaparse/papaparse.min.js' {
  type PapaParseConfig = {
    delimiter?: string;
    newline?: '\n' | '\r' | '\r\n';
    quoteChar?: string;
    skipEmptyLines?: boolean | 'greedy';
    preview?: number;
    header?: false;
    step?: (results: {
      data: string[];
      errors: PapaParseError[];
      /** `cursor`: where the text after this record starts. */
      meta: { cursor: number };
    }) => void;
  };
  type PapaParseError = { type: string; code: string; message: string; row?: number };
  type PapaParseResult = {
    data: string[][];
    errors: PapaParseError[];
    meta: { delimiter: string; linebreak: string; cursor: number };
  };
  const Papa: { parse(input: string, config: PapaParseConfig): PapaParseResult };
  export default Papa;
}
