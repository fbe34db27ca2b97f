/**
 * Turning the bytes of an uploaded CSV into text.
 *
 * Excel writes CSV as UTF-8 with a BOM ("CSV UTF-8"), as UTF-16 LE with a BOM ("Unicode text"),
 * or — in the old default "CSV (Comma delimited)" — in the Windows ANSI code page, which on
 * Vietnamese machines with legacy fonts means TCVN3 or VNI bytes. We try them in that order and
 * report which one applied so the import can warn the officer.
 */

import { decodeWindows1252 } from '../../../kernel/text/legacy.ts';

export type TextEncodingUsed = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingUsed;
  readonly hadBom: boolean;
}

/** Decode file bytes: BOM first, then strict UTF-8, then Windows-1252 as the fallback. */
export function decodeTextFile(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', hadBom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      hadBom: true,
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      hadBom: true,
    };
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      encoding: 'utf-8',
      hadBom: false,
    };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', hadBom: false };
  }
}
