import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { SignatureCheck, checkText, loadSignatureEngine, verifyDocument } from '../../../server/src/signatureService';
import type { Lang } from '../../../server/src/validation/messages';
import { decodeXmlBytes } from '../../../server/src/xml/decodeXml';
import { UsageError } from './cliErrors';
import { expandFileArgs } from './fileArgs';

/** One file's result as `gis-zhkh verify --format json` prints it. */
export interface VerifyReport {
  file: string;
  signed: boolean;
  valid: boolean;
  message: string;
  failure: SignatureCheck['failure'] | null;
  certificate: {
    subject: string;
    issuer: string;
    serialNumber: string;
    notBefore: string;
    notAfter: string;
    algorithm: string;
  } | null;
}

function report(file: string, c: SignatureCheck, lang: Lang, now: Date): VerifyReport {
  const cert = c.certificate;
  return {
    file,
    signed: c.present,
    valid: c.valid,
    message: checkText(c, lang, now),
    failure: c.failure ?? null,
    certificate: cert
      ? {
          subject: cert.subject,
          issuer: cert.issuer,
          serialNumber: cert.serialNumber,
          notBefore: cert.notBefore.toISOString(),
          notAfter: cert.notAfter.toISOString(),
          algorithm: cert.publicKey.kind,
        }
      : null,
  };
}

/** `gis-zhkh verify <files>`: exit 0 when every signature holds, 1 when one is bad or missing, 2 usage. */
export async function verifyCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f', default: 'text' } },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format: text | json');
  if (positionals.length === 0) throw new UsageError(lang === 'ru' ? 'Укажите подписанные файлы: gis-zhkh verify <файл…>' : 'Give signed files: gis-zhkh verify <file…>');
  const { files, unmatched } = await expandFileArgs(positionals);
  if (unmatched.length > 0) throw new UsageError((lang === 'ru' ? 'Нет файлов: ' : 'No files match: ') + unmatched.join(', '));
  const now = new Date();
  await loadSignatureEngine();
  const reports: VerifyReport[] = [];
  for (const file of files) {
    const decoded = decodeXmlBytes(fs.readFileSync(file));
    const check: SignatureCheck = decoded.ok
      ? verifyDocument(decoded.text, now)
      : {
          present: true,
          valid: false,
          failure: {
            kind: 'structure',
            detail: { ru: `байт 0x${decoded.byte.toString(16)} не в кодировке ${decoded.encoding}`, en: `byte 0x${decoded.byte.toString(16)} is not ${decoded.encoding}` },
          },
        };
    const r = report(file, check, lang, now);
    reports.push(r);
    if (values.format === 'text') out(`${file}: ${r.message}`);
  }
  if (values.format === 'json') out(JSON.stringify(reports, null, 2));
  return reports.every((r) => r.valid) ? 0 : 1;
}
