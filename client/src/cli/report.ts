import type { GisDiagnostic } from '../../../server/src/validation/diagnostic';
import type { Verdict } from '../../../server/src/validation/documentValidator';
import type { Lang } from '../../../server/src/validation/messages';

/** One file's result as `gis-zhkh validate --format json` prints it (1-based lines and columns). */
export interface FileReport {
  file: string;
  verdict: Verdict;
  operation: string | null;
  version: string | null;
  package: string | null;
  diagnostics: {
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: GisDiagnostic['severity'];
    message: string;
    code: string;
  }[];
}

export function toReportDiagnostics(diags: GisDiagnostic[]): FileReport['diagnostics'] {
  return diags.map((d) => ({
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    message: d.message,
    code: d.code,
  }));
}

const VERDICT: Record<Lang, Record<Verdict, string>> = {
  ru: { valid: 'без ошибок', invalid: 'ошибки схемы', malformed: 'ошибка синтаксиса XML', unbound: 'не документ ГИС ЖКХ / не проверен' },
  en: { valid: 'valid', invalid: 'invalid', malformed: 'malformed XML', unbound: 'not GIS XML / not checked' },
};

const SEVERITY: Record<Lang, Record<GisDiagnostic['severity'], string>> = {
  ru: { error: 'ошибка', warning: 'предупреждение', information: 'сведения', hint: 'подсказка' },
  en: { error: 'error', warning: 'warning', information: 'info', hint: 'hint' },
};

export function formatText(r: FileReport, lang: Lang): string {
  const what = [r.operation, r.version].filter(Boolean).join(', ');
  const lines = [`${r.file}: ${VERDICT[lang][r.verdict]}${what ? ` (${what})` : ''}`];
  for (const d of r.diagnostics) {
    lines.push(`  ${r.file}:${d.line}:${d.column}: ${SEVERITY[lang][d.severity]}: ${d.message} [${d.code}]`);
  }
  return lines.join('\n');
}

export function formatSummary(reports: FileReport[], lang: Lang): string {
  const n = (v: Verdict): number => reports.filter((r) => r.verdict === v).length;
  return lang === 'ru'
    ? `Файлов: ${reports.length}; без ошибок: ${n('valid')}; с ошибками схемы: ${n('invalid')}; с ошибками синтаксиса: ${n('malformed')}; не проверено: ${n('unbound')}`
    : `Files: ${reports.length}; valid: ${n('valid')}; invalid: ${n('invalid')}; malformed: ${n('malformed')}; not checked: ${n('unbound')}`;
}
