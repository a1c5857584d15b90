import type { RuleSeverity } from './rules/ruleRunner';
import type { Lang } from './validation/messages';

/** The `gisZhkh.*` settings the language server reads, per document (resource scope). */
export interface ServerSettings {
  formats: { defaultVersion: string; workspaceVersion: string };
  validation: { enabled: boolean; delay: number; maxProblems: number };
  messages: { language: 'auto' | Lang };
  /** Severity per rule code (checks beyond the XSD); unnamed rules keep their defaults. */
  rules: { enabled: boolean; severity: Record<string, RuleSeverity> };
  /** The stand whose NSI copy completion and hover use. */
  nsi: { stand: string };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  formats: { defaultVersion: '', workspaceVersion: '' },
  validation: { enabled: true, delay: 300, maxProblems: 1000 },
  messages: { language: 'auto' },
  rules: { enabled: true, severity: {} },
  nsi: { stand: 'default' },
};

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Fills what the client did not send with defaults, and clamps numbers to sane ranges. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const r = (raw ?? {}) as Partial<{
    formats: Partial<ServerSettings['formats']>;
    validation: Partial<ServerSettings['validation']>;
    messages: Partial<ServerSettings['messages']>;
    rules: Partial<{ enabled: unknown; severity: unknown }>;
    nsi: Partial<{ stand: unknown }>;
  }>;
  const num = (v: unknown, d: number, min: number, max: number): number => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : d);
  const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const lang = r.messages?.language;
  return {
    formats: { defaultVersion: str(r.formats?.defaultVersion), workspaceVersion: str(r.formats?.workspaceVersion) },
    validation: {
      enabled: r.validation?.enabled !== false,
      delay: num(r.validation?.delay, DEFAULT_SETTINGS.validation.delay, 0, 5000),
      maxProblems: num(r.validation?.maxProblems, DEFAULT_SETTINGS.validation.maxProblems, 1, 100000),
    },
    messages: { language: lang === 'ru' || lang === 'en' ? lang : 'auto' },
    rules: { enabled: r.rules?.enabled !== false, severity: severities(r.rules?.severity) },
    nsi: { stand: str(r.nsi?.stand) || 'default' },
  };
}

function severities(raw: unknown): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  if (raw && typeof raw === 'object') {
    for (const [code, v] of Object.entries(raw)) if (typeof v === 'string' && SEVERITIES.has(v)) out[code] = v as RuleSeverity;
  }
  return out;
}

/** 'auto' follows VS Code's display language: English only when VS Code is in English. */
export function messageLanguage(setting: ServerSettings['messages']['language'], locale: string | undefined): Lang {
  if (setting !== 'auto') return setting;
  return locale && /^en\b/i.test(locale) ? 'en' : 'ru';
}

/** The preferred package: the workspace's choice, else the user's default. */
export function packagePreference(s: ServerSettings): string {
  return s.formats.workspaceVersion || s.formats.defaultVersion;
}
