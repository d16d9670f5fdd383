// TextDecoder exists wherever shared/ runs (Node, Chromium, workers), but tsconfig.shared.json
// loads neither the DOM nor Node types, so the importer declares the little it uses.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
