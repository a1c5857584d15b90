import type { DecodeResult } from '../xml/decodeXml';
import type { GisDiagnostic } from './diagnostic';
import type { Lang } from './messages';

/** The first byte a file's encoding does not allow, as a diagnostic at its position. */
export function encodingDiagnostic(r: Extract<DecodeResult, { ok: false }>, lang: Lang): GisDiagnostic {
  const byte = `0x${r.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return {
    range: { start: { line: r.line, character: r.character }, end: { line: r.line, character: r.character + 1 } },
    severity: 'error',
    code: 'xml-encoding',
    message:
      lang === 'ru'
        ? `Файл не в кодировке ${r.encoding.toUpperCase()}: недопустимый байт ${byte} (смещение ${r.byteOffset})`
        : `The file is not valid ${r.encoding.toUpperCase()}: byte ${byte} at offset ${r.byteOffset}`,
  };
}
