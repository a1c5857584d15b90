import { randomUUID } from 'node:crypto';
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PackageContents } from '../catalog/packageContents';
import { nextElements } from '../schema/contentModel';
import { SkeletonWriter } from '../schema/skeleton';
import type { ElementModel, SimpleTypeModel } from '../schema/schemaTypes';
import { SOAP_ENV_NS, Step, resolvePath, soapChildren } from './schemaPath';
import { OpenElementIndex } from './openElements';
import { OpenElement, XmlContext, xmlContext } from './xmlContext';
import { describeOccurs, nsiRegistry, typeLabel } from './describe';
import { elementSpan } from './elementSpan';
import type { NsiLookup } from '../nsi/nsiLookup';
import type { Lang } from '../validation/messages';

/**
 * Completion that follows the content model at the cursor: the elements allowed next (required
 * first, in schema order, each inserted with its required subtree), attributes, and enumeration
 * values with their documentation.
 */

const GUID_SHAPE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function complete(doc: TextDocument, offset: number, contents: PackageContents, lang: Lang, index = new OpenElementIndex(), nsi?: NsiLookup): CompletionItem[] {
  const text = doc.getText();
  const ctx = xmlContext(text, offset, index);
  switch (ctx.kind) {
    case 'content':
      return elementItems(doc, text, ctx, contents, lang);
    case 'attributeName':
      return attributeItems(doc, offset, ctx, contents, lang);
    case 'attributeValue':
      return attributeValueItems(doc, ctx, contents, lang);
    case 'text':
      return [...nsiItems(doc, text, ctx, contents, nsi, lang), ...textItems(doc, ctx, contents, lang)];
    default:
      return [];
  }
}

function stepOf(contents: PackageContents, path: OpenElement[]): Step | undefined {
  if (path.length === 0) return undefined;
  const steps = resolvePath(contents, path);
  return steps.length === path.length ? steps[path.length - 1] : undefined;
}

function elementItems(doc: TextDocument, text: string, ctx: XmlContext & { kind: 'content' }, contents: PackageContents, lang: Lang): CompletionItem[] {
  const parent = ctx.path[ctx.path.length - 1];
  const step = stepOf(contents, ctx.path);
  if (!parent || !step) return [];
  let offers: { element: ElementModel; required: boolean }[];
  if (step.kind === 'soap') {
    if (step.local === 'Envelope') return soapItems(doc, ctx, parent, ['Header', 'Body']);
    if (step.local === 'Fault') return [];
    offers = soapChildren(contents, step.local).map((element) => ({ element, required: false }));
  } else {
    const type = step.model.type;
    if (type.kind !== 'complex' || !type.content) return [];
    offers = nextElements(type.content, parent.children);
  }
  const lineStart = text.lastIndexOf('\n', ctx.replaceFrom - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, ctx.replaceFrom))?.[0] ?? '';
  const range = { start: doc.positionAt(ctx.replaceFrom), end: doc.positionAt(ctx.replaceFrom + (ctx.partial !== undefined ? ctx.partial.length + 1 : 0)) };
  return offers.map((o, i) => {
    const writer = new SkeletonWriter({ now: new Date(), prefer: new Set(['orgPPAGUID']) });
    const declared = seedPrefixes(writer, parent.scope);
    const first = writer.element(o.element, 0);
    const missing = [...writer.namespaces].filter(([ns]) => !declared.has(ns)).map(([ns, p]) => ` xmlns:${p}="${ns}"`).join('');
    const body = missing ? first.replace(/^(<[^\s/>]+)/, `$1${missing}`) : first;
    const insert = body.trimEnd().split('\n').map((line, n) => (n === 0 ? line : indent + line)).join('\n');
    const label = qualified(o.element, writer);
    return {
      label,
      kind: CompletionItemKind.Property,
      detail: `${typeLabel(o.element.type)} · ${describeOccurs(step.kind === 'element' && step.model.type.kind === 'complex' ? occursOf(step, o.element) : undefined, lang)}${o.required ? (lang === 'ru' ? ' · обязательный' : ' · required') : ''}`,
      documentation: o.element.doc ? { kind: MarkupKind.Markdown, value: o.element.doc } : undefined,
      sortText: `${o.required ? '0' : '1'}${String(i).padStart(4, '0')}`,
      filterText: ctx.partial !== undefined ? `<${label}` : label,
      textEdit: TextEdit.replace(range, insert),
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

function occursOf(step: Step & { kind: 'element' }, child: ElementModel): { min: number; max: number } | undefined {
  const type = step.model.type;
  if (type.kind !== 'complex' || !type.content) return undefined;
  const stack = [type.content];
  while (stack.length) {
    const p = stack.pop()!;
    if (p.kind === 'element' && p.element === child) return p.occurs;
    if (p.kind === 'sequence' || p.kind === 'choice' || p.kind === 'all') stack.push(...p.items);
  }
  return undefined;
}

function soapItems(doc: TextDocument, ctx: XmlContext & { kind: 'content' }, parent: OpenElement, names: string[]): CompletionItem[] {
  const prefix = [...parent.scope].find(([, ns]) => ns === SOAP_ENV_NS)?.[0] ?? 'soapenv';
  const done = new Set(parent.children.map((c) => c.local));
  const range = { start: doc.positionAt(ctx.replaceFrom), end: doc.positionAt(ctx.replaceFrom + (ctx.partial !== undefined ? ctx.partial.length + 1 : 0)) };
  return names
    .filter((n) => !done.has(n))
    .map((n, i) => ({ label: `${prefix}:${n}`, kind: CompletionItemKind.Property, sortText: String(i), textEdit: TextEdit.replace(range, `<${prefix}:${n}>\n</${prefix}:${n}>`) }));
}

function seedPrefixes(writer: SkeletonWriter, scope: ReadonlyMap<string, string>): Set<string> {
  const declared = new Set<string>();
  for (const [prefix, ns] of scope) {
    if (!prefix || !ns) continue;
    writer.usePrefix(ns, prefix);
    declared.add(ns);
  }
  return declared;
}

function qualified(el: ElementModel, writer: SkeletonWriter): string {
  return el.name.ns ? `${writer.prefixFor(el.name.ns)}:${el.name.local}` : el.name.local;
}

function attributeItems(doc: TextDocument, offset: number, ctx: XmlContext & { kind: 'attributeName' }, contents: PackageContents, lang: Lang): CompletionItem[] {
  const step = stepOf(contents, [...ctx.path, ctx.element]);
  if (!step || step.kind !== 'element' || step.model.type.kind !== 'complex') return [];
  const existing = new Set(ctx.existing.map((q) => q.replace(/^.*:/, '')));
  const range = { start: doc.positionAt(ctx.replaceFrom), end: doc.positionAt(offset) };
  return step.model.type.attributes
    .filter((a) => !existing.has(a.name.local))
    .map((a, i) => {
      const prefix = a.name.ns ? ([...ctx.element.scope].find(([, ns]) => ns === a.name.ns)?.[0] ?? '') : '';
      const name = prefix ? `${prefix}:${a.name.local}` : a.name.local;
      const value = a.fixed ?? a.default ?? '';
      return {
        label: name,
        kind: CompletionItemKind.Field,
        detail: `${typeLabel(a.type)}${a.use === 'required' ? (lang === 'ru' ? ' · обязательный' : ' · required') : ''}`,
        documentation: a.doc,
        sortText: `${a.use === 'required' ? '0' : '1'}${String(i).padStart(3, '0')}`,
        textEdit: TextEdit.replace(range, `${name}="${value}"`),
      };
    });
}

function attributeValueItems(doc: TextDocument, ctx: XmlContext & { kind: 'attributeValue' }, contents: PackageContents, lang: Lang): CompletionItem[] {
  const step = stepOf(contents, [...ctx.path, ctx.element]);
  if (!step || step.kind !== 'element' || step.model.type.kind !== 'complex') return [];
  const local = ctx.attribute.replace(/^.*:/, '');
  const a = step.model.type.attributes.find((x) => x.name.local === local);
  if (!a) return [];
  return valueItems(doc, ctx.from, ctx.to, a.fixed ? { ...a.type, facets: { ...a.type.facets, enumeration: [a.fixed] } } : a.type, lang);
}

function textItems(doc: TextDocument, ctx: XmlContext & { kind: 'text' }, contents: PackageContents, lang: Lang): CompletionItem[] {
  const step = stepOf(contents, ctx.path);
  if (!step || step.kind !== 'element') return [];
  const t = step.model.type;
  const simple = t.kind === 'simple' ? t : t.text;
  if (!simple) return [];
  return valueItems(doc, ctx.from, ctx.to, simple, lang);
}

function valueItems(doc: TextDocument, from: number, to: number, type: SimpleTypeModel, lang: Lang): CompletionItem[] {
  const range = { start: doc.positionAt(from), end: doc.positionAt(to) };
  const values = type.facets.enumeration ?? (type.builtin === 'xs:boolean' ? ['true', 'false'] : []);
  const items: CompletionItem[] = values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    documentation: type.enumerationDocs?.get(v),
    detail: type.enumerationDocs?.get(v),
    sortText: String(i).padStart(4, '0'),
    textEdit: TextEdit.replace(range, v),
  }));
  const example = type.facets.patterns?.flat().some((p) => /\{8\}-.*\{12\}/.test(p));
  if (example || (type.name?.local ?? '').toLowerCase().includes('guid')) {
    const guid = randomUUID();
    if (GUID_SHAPE.test(guid)) items.push({ label: lang === 'ru' ? 'Новый GUID' : 'New GUID', kind: CompletionItemKind.Value, detail: guid, textEdit: TextEdit.replace(range, guid) });
  }
  return items;
}

const NSI_PARTS = ['Code', 'GUID', 'Name'] as const;

/**
 * In the Code, GUID or Name of an NSI reference: the items of its registry from the stand's copy;
 * choosing one fills the other two parts of the reference as well.
 */
function nsiItems(doc: TextDocument, text: string, ctx: XmlContext & { kind: 'text' }, contents: PackageContents, nsi: NsiLookup | undefined, lang: Lang): CompletionItem[] {
  const part = ctx.path[ctx.path.length - 1]?.local as (typeof NSI_PARTS)[number];
  if (!nsi || !NSI_PARTS.includes(part) || ctx.path.length < 2) return [];
  const steps = resolvePath(contents, ctx.path.slice(0, -1));
  const ref = steps.length === ctx.path.length - 1 ? steps[steps.length - 1] : undefined;
  if (!ref || ref.kind !== 'element') return [];
  const registry = nsiRegistry(ref.model.doc) ?? nsiRegistry(ref.model.type.doc);
  const items = registry !== undefined ? nsi(registry) : undefined;
  if (!items) return [];
  const parent = ctx.path[ctx.path.length - 2];
  const span = elementSpan(text, parent.start);
  const siblings = span ? siblingValues(text, parent.start, span.to) : new Map<string, { from: number; to: number }>();
  const range = { start: doc.positionAt(ctx.from), end: doc.positionAt(ctx.to) };
  return [...items.values()].map((item, i) => {
    const values = { Code: item.code, GUID: item.guid, Name: item.name };
    const others = NSI_PARTS.filter((p) => p !== part && siblings.has(p)).map((p) => {
      const at = siblings.get(p)!;
      return TextEdit.replace({ start: doc.positionAt(at.from), end: doc.positionAt(at.to) }, values[p]);
    });
    return {
      label: values[part],
      kind: CompletionItemKind.Reference,
      detail: `${lang === 'ru' ? 'НСИ' : 'NSI'} ${registry}: ${item.code} — ${item.name}${item.actual ? '' : lang === 'ru' ? ' (неактуальна)' : ' (not current)'}`,
      sortText: `${item.actual ? 0 : 1}${String(i).padStart(5, '0')}`,
      filterText: `${item.code} ${item.name} ${item.guid}`,
      textEdit: TextEdit.replace(range, values[part]),
      additionalTextEdits: others,
    };
  });
}

/** Value ranges of the Code / GUID / Name children inside an element's text. */
function siblingValues(text: string, from: number, to: number): Map<string, { from: number; to: number }> {
  const out = new Map<string, { from: number; to: number }>();
  const re = /<([\w.-]+:)?(Code|GUID|Name)>([^<]*)<\/\1?\2>/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (out.has(m[2])) continue;
    const valueFrom = m.index + 1 + (m[1]?.length ?? 0) + m[2].length + 1;
    out.set(m[2], { from: valueFrom, to: valueFrom + m[3].length });
  }
  return out;
}
