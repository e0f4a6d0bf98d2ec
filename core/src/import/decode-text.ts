import { fail, ok, type Result } from '../model/result.ts';
import type { EncodingChoice, TableFailure } from './table.ts';

/** Text decoded from file bytes, with the encoding that was used (detected or chosen). */
export interface DecodedText {
  text: string;
  encoding: string;
  hadBom: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const SAMPLE = 64 * 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** True for the zip container an `.xlsx` file is (`PK\x03\x04`). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

/**
 * Text files never hold NUL bytes (UTF-16 aside, which announces itself with a BOM), and rarely
 * control characters other than tab and line ends. An image or a PDF uploaded by mistake must end
 * in a clear error, not in a table of garbage.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return end > 0 && control / end > 0.01;
}

function decodeStrict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes file bytes. `auto` trusts a BOM, then tries strict UTF-8, then GBK (Chinese Excel
 * exports), then Windows-1252. Limit: a Latin-1 file can happen to be valid GBK byte pairs and be
 * read as Chinese; such a file needs `encoding: 'windows-1252'` from the caller, because no
 * byte-level rule tells the two apart reliably on short files.
 */
export function decodeText(
  bytes: Uint8Array,
  choice: EncodingChoice = 'auto',
): Result<DecodedText, TableFailure> {
  if (startsWith(bytes, [0xff, 0xfe]) && (choice === 'auto' || choice === 'utf-16le')) {
    return ok({
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      hadBom: true,
    });
  }
  if (startsWith(bytes, [0xfe, 0xff]) && choice === 'auto') {
    return ok({
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      hadBom: true,
    });
  }
  const hadBom = startsWith(bytes, UTF8_BOM);
  const body = hadBom ? bytes.subarray(3) : bytes;
  if (choice !== 'auto') {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(choice, { ignoreBOM: true });
    } catch {
      return fail('unknown-encoding', `"${choice}" is not an encoding this runtime can decode`);
    }
    const text = decodeStrict(body, choice);
    if (text === null) {
      return fail('decode-failed', `the file is not valid ${choice}; try encoding "auto"`, {
        sample: decoder.decode(body.subarray(0, 200)),
      });
    }
    return ok({ text, encoding: choice, hadBom });
  }
  for (const encoding of ['utf-8', 'gbk', 'windows-1252']) {
    const text = decodeStrict(body, encoding);
    if (text !== null) return ok({ text, encoding, hadBom });
  }
  return fail('decode-failed', 'the file is neither UTF-8, GBK nor Windows-1252 text');
}
