import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { PackageRegistry } from '../../../server/src/catalog/packageRegistry';
import { bundledSchemasDir } from '../../../server/src/productPaths';
import { encodingDiagnostic } from '../../../server/src/validation/encodingDiagnostic';
import type { Lang } from '../../../server/src/validation/messages';
import { loadSignatureEngine } from '../../../server/src/signatureService';
import { createValidationEngine } from '../../../server/src/validation/validationEngine';
import { decodeXmlBytes } from '../../../server/src/xml/decodeXml';
import { UsageError } from './cliErrors';
import { defaultStoreDir } from './cliEnvironment';
import { expandFileArgs } from './fileArgs';
import { choosePackage } from './packageOption';
import { FileReport, formatSummary, formatText, toReportDiagnostics } from './report';

/** `gis-zhkh validate`: exit 0 when every GIS document is valid, 1 when one is not. */
export async function validateCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      package: { type: 'string', short: 'p' },
      format: { type: 'string', short: 'f', default: 'text' },
      store: { type: 'string' },
      'max-problems': { type: 'string', default: '1000' },
    },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format: text | json`);
  if (positionals.length === 0) throw new UsageError(lang === 'ru' ? 'Укажите файлы или маски файлов' : 'Give files or globs');
  const maxProblems = Math.max(1, Number(values['max-problems']) || 1000);
  const { files, unmatched } = await expandFileArgs(positionals);
  if (unmatched.length > 0) throw new UsageError((lang === 'ru' ? 'Нет файлов: ' : 'No files match: ') + unmatched.join(', '));

  const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: values.store ?? defaultStoreDir() });
  const chosen = await choosePackage(values.package, registry, lang);
  try {
    const engine = await createValidationEngine();
    // Signed documents get a verdict on their signature too.
    await loadSignatureEngine();
    const contents = registry.contents(chosen.pkg);
    const packageName = chosen.pkg.origin === 'folder' ? chosen.pkg.root : chosen.pkg.key;
    const reports: FileReport[] = [];
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const decoded = decodeXmlBytes(bytes);
      // Undecodable bytes are replaced to still tell whether it is GIS XML; the bad byte is reported below.
      const text = decoded.ok ? decoded.text : new TextDecoder(decoded.encoding).decode(bytes);
      const r = engine.validator.validate(text, contents, { lang, maxProblems });
      const diagnostics = r.diagnostics;
      let verdict = r.verdict;
      if (!decoded.ok && verdict !== 'unbound') {
        verdict = 'malformed';
        diagnostics.unshift(encodingDiagnostic(decoded, lang));
      }
      const report: FileReport = {
        file,
        verdict,
        operation: r.binding?.operation ?? null,
        version: r.binding ? chosen.pkg.version : null,
        package: r.binding ? packageName : null,
        diagnostics: toReportDiagnostics(diagnostics),
      };
      reports.push(report);
      if (values.format === 'text') out(formatText(report, lang));
    }
    if (values.format === 'json') out(JSON.stringify(reports, null, 2));
    else out(formatSummary(reports, lang));
    return reports.some((r) => r.verdict === 'invalid' || r.verdict === 'malformed') ? 1 : 0;
  } finally {
    chosen.cleanup();
  }
}
