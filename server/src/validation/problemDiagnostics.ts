import type { Binding } from '../catalog/binding';
import type { PackageContents } from '../catalog/packageContents';
import type { DocumentShape } from '../xml/documentShape';
import type { DocumentText } from '../xml/documentText';
import { ElementLocation, locateElements } from '../xml/elementLocator';
import type { LineIndex } from '../xml/lineIndex';
import { decodeReferences } from '../xml/references';
import { splitQName } from '../xml/scanner';
import type { GisDiagnostic } from './diagnostic';
import type { LibxmlProblem } from './libxml';
import { Lang, MessageContext, renderSchemaProblem } from './messages';
import { ExpandedName, SchemaProblem, parseSchemaMessage } from './schemaProblem';

/**
 * libxml2's schema errors → diagnostics. libxml2 names a line but no column; the error's node
 * gives the element exactly, and the kind of problem says which part of it to mark: the start
 * tag, one attribute, or the text value for facet and type errors.
 */
export interface MappingContext {
  document: DocumentText;
  lines: LineIndex;
  shape: DocumentShape;
  binding: Binding;
  contents: PackageContents;
  lang: Lang;
}

export function problemDiagnostics(problems: LibxmlProblem[], ctx: MappingContext): GisDiagnostic[] {
  const parsed = problems.map((p) => ({ raw: p, problem: parseSchemaMessage(p.message) })).filter((x) => x.problem.kind !== 'noise');
  if (parsed.length === 0) return [];
  const text = ctx.document.text;
  const located = locateElements(
    text,
    parsed.map((x) => x.raw.path).filter((p): p is number[] => p !== undefined),
  );
  const prefixes = prefixMap(ctx.shape);
  const display = (n: ExpandedName): string => {
    const prefix = n.ns !== undefined ? prefixes.get(n.ns) : undefined;
    return prefix ? `${prefix}:${n.local}` : n.local;
  };
  const out: GisDiagnostic[] = [];
  for (const { raw, problem } of parsed) {
    const loc = raw.path ? located.get(raw.path.join('/')) : undefined;
    const [s, e] = loc ? rangeFor(problem, loc, text) : lineRange(text, ctx.lines, raw.line);
    const value = loc && loc.textStart !== undefined ? decodeReferences(text.slice(loc.textStart, loc.textEnd)) : undefined;
    const mctx: MessageContext = {
      lang: ctx.lang,
      label: (n) => ctx.contents.docs(n.ns).label(n.local),
      builtinType: (n) => ctx.contents.builtinType(n.ns, n.local),
      display,
      value,
      versions: isPayload(loc, ctx) ? ctx.binding.operation?.versions.documented : undefined,
    };
    out.push({
      range: { start: ctx.lines.positionAt(s), end: ctx.lines.positionAt(e) },
      severity: raw.level === 1 ? 'warning' : 'error',
      code: codeOf(problem),
      message: renderSchemaProblem(problem, mctx),
      libxmlLine: raw.line,
      // Code actions insert one of these ('{ns}local' as libxml2 names them).
      ...(problem.kind === 'not-expected' || problem.kind === 'missing-child' ? { data: { expected: problem.expected } } : {}),
    });
  }
  return out;
}

function codeOf(p: SchemaProblem): string {
  return p.kind === 'facet' ? `xsd-facet-${p.facet}` : `xsd-${p.kind}`;
}

function isPayload(loc: ElementLocation | undefined, ctx: MappingContext): boolean {
  return loc !== undefined && ctx.binding.payload !== undefined && loc.start === ctx.binding.payload.start;
}

/** Offsets [start, end) in the document's text. */
function rangeFor(p: SchemaProblem, loc: ElementLocation, text: string): [number, number] {
  const startTag: [number, number] = [loc.start, loc.startTagEnd];
  const valueRange: [number, number] | undefined = loc.textStart !== undefined ? [loc.textStart, loc.textEnd!] : undefined;
  switch (p.kind) {
    case 'attribute-not-allowed':
      return attributeRange(loc, p.attribute, text) ?? startTag;
    case 'facet':
    case 'type':
    case 'fixed':
      if (p.attribute) return attributeRange(loc, p.attribute, text) ?? startTag;
      return valueRange ?? startTag;
    case 'duplicate-key':
    case 'keyref-not-found':
      return valueRange ?? startTag;
    case 'text-not-allowed':
      return valueRange ?? startTag;
    default:
      return startTag;
  }
}

function attributeRange(loc: ElementLocation, name: ExpandedName, text: string): [number, number] | undefined {
  const matches = loc.attributes.filter((a) => splitQName(a.name).local === name.local && !a.name.startsWith('xmlns'));
  // Several attributes with one local name differ by prefix; libxml2 names the namespace, so prefer
  // one whose prefix is not empty when the name has a namespace.
  const a = matches.find((m) => (name.ns !== undefined) === m.name.includes(':')) ?? matches[0];
  if (!a) return undefined;
  const end = a.valueEnd >= 0 ? Math.min(text.length, a.valueEnd + 1) : a.nameEnd;
  return [a.nameStart, end];
}

/** Fallback when no node is known: the line's text without its indentation. */
function lineRange(text: string, lines: LineIndex, libxmlLine: number): [number, number] {
  const line = Math.max(0, libxmlLine - 1);
  let s = lines.lineStart(line);
  let e = Math.max(s, lines.lineContentEnd(line));
  while (s < e && /\s|\ufeff/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return [s, e];
}

function prefixMap(shape: DocumentShape): Map<string, string> {
  const out = new Map<string, string>();
  for (const scope of [shape.payload?.scope, shape.root?.scope]) {
    if (!scope) continue;
    for (const [prefix, ns] of scope) if (prefix && !out.has(ns)) out.set(ns, prefix);
  }
  return out;
}
