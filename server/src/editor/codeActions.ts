import { randomUUID } from 'node:crypto';
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PackageContents } from '../catalog/packageContents';
import { childParticle } from '../schema/contentModel';
import { SkeletonWriter } from '../schema/skeleton';
import type { Lang } from '../validation/messages';
import { elementSpan } from './elementSpan';
import type { OpenElementIndex } from './openElements';
import { resolvePath } from './schemaPath';
import { xmlContext } from './xmlContext';

/**
 * Quick fixes: the rules' own (Latin letters, a supported version), inserting an element the
 * schema expects, removing one it does not, and a fresh GUID in a GUID value.
 */

const GUID_VALUE = /^\s*([0-9a-fA-FА-Яа-я]{8}-[0-9a-fA-FА-Яа-я]{4}-[0-9a-fA-FА-Яа-я]{4}-[0-9a-fA-FА-Яа-я]{4}-[0-9a-fA-FА-Яа-я]{12})?\s*$/;
const MAX_OFFERS = 3;

export function codeActions(doc: TextDocument, range: Range, diagnostics: Diagnostic[], contents: PackageContents | undefined, lang: Lang, index: OpenElementIndex): CodeAction[] {
  const out: CodeAction[] = [];
  const ru = lang === 'ru';
  const edit = (edits: TextEdit[]) => ({ changes: { [doc.uri]: edits } });
  for (const d of diagnostics) {
    const data = d.data as { fixes?: { title: string; range: Range; newText: string }[]; expected?: string[] } | undefined;
    for (const f of data?.fixes ?? []) {
      out.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: f === data!.fixes![0], edit: edit([TextEdit.replace(f.range, f.newText)]) });
    }
    if (d.code === 'xsd-not-expected') {
      const span = elementSpan(doc.getText(), doc.offsetAt(d.range.start));
      if (span) {
        out.push({ title: ru ? `Удалить элемент ${span.name}` : `Remove element ${span.name}`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit([TextEdit.del({ start: doc.positionAt(span.from), end: doc.positionAt(span.to) })]) });
      }
    }
    if (contents && (d.code === 'xsd-not-expected' || d.code === 'xsd-missing-child') && data?.expected?.length) {
      out.push(...insertions(doc, d, data.expected, contents, lang, index));
    }
  }
  const guid = newGuidAction(doc, range, lang);
  if (guid) out.push(guid);
  return out;
}

/** Insert an expected element: before the unexpected one, or before the parent's end tag. */
function insertions(doc: TextDocument, d: Diagnostic, expected: string[], contents: PackageContents, lang: Lang, index: OpenElementIndex): CodeAction[] {
  const text = doc.getText();
  const at = doc.offsetAt(d.range.start);
  let insertAt: number;
  let ctx;
  if (d.code === 'xsd-not-expected') {
    insertAt = at;
    ctx = xmlContext(text, at, index);
  } else {
    const span = elementSpan(text, at);
    if (!span) return [];
    insertAt = text.lastIndexOf('</', span.to);
    ctx = xmlContext(text, insertAt, index);
  }
  if (ctx.kind !== 'content' && ctx.kind !== 'text') return [];
  const steps = resolvePath(contents, ctx.path);
  const parent = steps.length === ctx.path.length ? steps[steps.length - 1] : undefined;
  if (!parent || parent.kind !== 'element' || parent.model.type.kind !== 'complex') return [];
  const lineStart = text.lastIndexOf('\n', insertAt - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, insertAt))?.[0] ?? '';
  const childIndent = d.code === 'xsd-missing-child' ? `${indent}  ` : indent;
  const out: CodeAction[] = [];
  for (const name of expected.slice(0, MAX_OFFERS)) {
    const m = /^\{([^}]*)\}(.+)$/.exec(name);
    const ns = m ? m[1] || undefined : undefined;
    const local = m ? m[2] : name;
    const particle = childParticle(parent.model.type.content, ns, local);
    if (!particle) continue;
    const writer = new SkeletonWriter({ now: new Date(), prefer: new Set(['orgPPAGUID']) });
    for (const [p, u] of ctx.path[ctx.path.length - 1].scope) if (p && u) writer.usePrefix(u, p);
    const body = writer.element(particle.element, 0).trimEnd().split('\n').map((l, i) => (i === 0 ? l : childIndent + l)).join('\n');
    const newText = d.code === 'xsd-not-expected' ? `${body}\n${indent}` : `  ${body}\n${indent}`;
    out.push({
      title: lang === 'ru' ? `Вставить ${local}` : `Insert ${local}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [doc.uri]: [TextEdit.insert(doc.positionAt(insertAt), newText)] } },
    });
  }
  return out;
}

/** In the value of a GUID element (or an empty *GUID element): replace it with a fresh GUID. */
function newGuidAction(doc: TextDocument, range: Range, lang: Lang): CodeAction | undefined {
  const text = doc.getText();
  const at = doc.offsetAt(range.start);
  const gt = text.lastIndexOf('>', at - 1);
  const lt = text.indexOf('<', at);
  if (gt < 0 || lt < 0 || text.lastIndexOf('<', at - 1) > gt) return undefined;
  const value = text.slice(gt + 1, lt);
  const open = text.slice(text.lastIndexOf('<', gt), gt + 1);
  if (!GUID_VALUE.test(value) || (value.trim() === '' && !/GUID|Guid/.test(open)) || open.startsWith('</')) return undefined;
  return {
    title: lang === 'ru' ? 'Новый GUID' : 'New GUID',
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [doc.uri]: [TextEdit.replace({ start: doc.positionAt(gt + 1), end: doc.positionAt(lt) }, randomUUID())] } },
  };
}
