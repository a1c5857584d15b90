import type { Operation } from '../catalog/operationCatalog';
import type { GisDiagnostic, Severity } from '../validation/diagnostic';
import type { Lang } from '../validation/messages';
import type { LineIndex } from '../xml/lineIndex';
import { batchLimits } from './batchLimits';
import { checksums } from './checksums';
import { dates } from './dates';
import { documentFacts } from './documentFacts';
import { lookalikes } from './lookalikes';
import type { Finding, Rule } from './rule';
import { requestVersion } from './requestVersion';
import { unsignedImport } from './signature';
import { transportGuids } from './transportGuids';

export const RULES: readonly Rule[] = [lookalikes, checksums, transportGuids, batchLimits, requestVersion, dates, unsignedImport];

export type RuleSeverity = Severity | 'off';

export interface RuleOptions {
  lang: Lang;
  /** Severity per rule code; rules not named keep their default. */
  severity?: Readonly<Record<string, RuleSeverity>>;
  now?: Date;
}

/** A quick fix a rule offers, carried in the diagnostic's data to the code action request. */
export interface DiagnosticFix {
  title: string;
  range: GisDiagnostic['range'];
  newText: string;
}

/** Runs the rules over a bound GIS document; `payload.operation` is set for requests only. */
export function runRules(
  text: string,
  payload: { start: number; operation?: Operation; versions: readonly string[] } | undefined,
  lines: LineIndex,
  options: RuleOptions,
): GisDiagnostic[] {
  const active = RULES.filter((r) => (options.severity?.[r.code] ?? r.defaultSeverity) !== 'off');
  if (active.length === 0) return [];
  const ctx = { operation: payload?.operation, versions: payload?.versions ?? [], lang: options.lang, now: options.now ?? new Date() };
  const checks = active.map((rule) => ({ rule, check: rule.begin(ctx), findings: [] as Finding[] }));
  const valued = checks.filter((c) => c.check.value);
  const request = documentFacts(text, payload?.start, (v) => {
    for (const c of valued) c.check.value!(v, c.findings);
  });
  const out: GisDiagnostic[] = [];
  for (const { rule, check, findings } of checks) {
    const severity = (options.severity?.[rule.code] ?? rule.defaultSeverity) as Severity;
    for (const f of [...findings, ...(check.end?.(request) ?? [])]) {
      const range = { start: lines.positionAt(f.start), end: lines.positionAt(f.end) };
      const fixes: DiagnosticFix[] | undefined = f.fixes?.map((x) => ({ title: x.title, newText: x.newText, range: { start: lines.positionAt(x.start), end: lines.positionAt(x.end) } }));
      out.push({ range, severity, code: rule.code, message: f.message, ...(fixes ? { data: { fixes } } : {}) });
    }
  }
  return out;
}
