import type { AttributeUse, ElementModel, Facets, Occurs, SimpleTypeModel, TypeModel } from '../schema/schemaTypes';
import type { Lang } from '../validation/messages';

/** Short texts about declarations for hover and completion details, in the user's language. */

const T = {
  ru: { required: 'обязательный', optional: 'необязательный', type: 'Тип', occurs: 'Сколько раз', pattern: 'Формат', length: 'Длина', values: 'Значения', nsi: 'Справочник', digits: 'Цифр', fraction: 'после запятой', range: 'Границы', fixed: 'Фиксированное значение', attribute: 'Атрибут', unbounded: 'без ограничения' },
  en: { required: 'required', optional: 'optional', type: 'Type', occurs: 'Occurs', pattern: 'Pattern', length: 'Length', values: 'Values', nsi: 'NSI registry', digits: 'Digits', fraction: 'after the point', range: 'Range', fixed: 'Fixed value', attribute: 'Attribute', unbounded: 'unbounded' },
};

export function typeLabel(t: TypeModel | SimpleTypeModel): string {
  if (t.name) return t.name.local;
  if (t.kind === 'simple') return t.builtin;
  return t.base ? `${t.base.local} +` : 'complexType';
}

export function describeOccurs(o: Occurs | undefined, lang: Lang): string {
  if (!o) return '1..1';
  const max = o.max === Number.POSITIVE_INFINITY ? T[lang].unbounded : String(o.max);
  return `${o.min}..${max}${o.min > 0 ? '' : ` (${T[lang].optional})`}`;
}

/** The NSI registry an element refers to, from its documentation ("НСИ 27", "реестровый номер 27"). */
export function nsiRegistry(doc: string | undefined): number | undefined {
  const m = /(?:НСИ|NSI|реестров\S*\s+номер\S*)\s*(?:№\s*)?(\d{1,4})\b/i.exec(doc ?? '');
  return m ? Number(m[1]) : undefined;
}

function facetLines(f: Facets, docs: ReadonlyMap<string, string> | undefined, lang: Lang): string[] {
  const t = T[lang];
  const out: string[] = [];
  if (f.patterns?.length) out.push(`${t.pattern}: ${f.patterns.map((step) => step.map((p) => `\`${p}\``).join(' | ')).join(' & ')}`);
  if (f.length !== undefined) out.push(`${t.length}: ${f.length}`);
  else if (f.minLength !== undefined || f.maxLength !== undefined) out.push(`${t.length}: ${f.minLength ?? 0}..${f.maxLength ?? '∞'}`);
  if (f.totalDigits !== undefined || f.fractionDigits !== undefined) {
    const fraction = f.fractionDigits !== undefined ? `, ${f.fractionDigits} ${t.fraction}` : '';
    out.push(`${t.digits}: ${f.totalDigits ?? '—'}${fraction}`);
  }
  const lo = f.minInclusive ?? (f.minExclusive !== undefined ? `>${f.minExclusive}` : undefined);
  const hi = f.maxInclusive ?? (f.maxExclusive !== undefined ? `<${f.maxExclusive}` : undefined);
  if (lo !== undefined || hi !== undefined) out.push(`${t.range}: ${lo ?? '−∞'} … ${hi ?? '∞'}`);
  if (f.enumeration?.length) {
    const shown = f.enumeration.slice(0, 30).map((v) => `\`${v}\`${docs?.get(v) ? ` — ${docs.get(v)}` : ''}`);
    out.push(`${t.values}: ${shown.join('; ')}${f.enumeration.length > 30 ? '; …' : ''}`);
  }
  return out;
}

export function elementHover(el: ElementModel, occurs: Occurs | undefined, lang: Lang, prefix: string | undefined): string {
  const t = T[lang];
  const name = prefix ? `${prefix}:${el.name.local}` : el.name.local;
  const lines = [`**${name}**${el.doc ? ` — ${el.doc}` : ''}`, ''];
  const type = el.type;
  const simple = type.kind === 'simple' ? type : type.text;
  lines.push(`${t.type}: \`${typeLabel(type)}\`${simple && simple.builtin !== typeLabel(type) ? ` (${simple.builtin})` : ''} · ${t.occurs}: ${describeOccurs(occurs, lang)}`);
  if (type.kind === 'complex' && type.doc && type.doc !== el.doc) lines.push(`${t.type}: ${type.doc}`);
  if (el.fixed !== undefined) lines.push(`${t.fixed}: \`${el.fixed}\``);
  if (simple) lines.push(...facetLines(simple.facets, simple.enumerationDocs, lang));
  const nsi = nsiRegistry(el.doc) ?? nsiRegistry(type.doc);
  if (nsi !== undefined) lines.push(`${t.nsi}: НСИ ${nsi}`);
  return lines.join('  \n');
}

export function attributeHover(a: AttributeUse, lang: Lang): string {
  const t = T[lang];
  const lines = [`**${a.name.local}** (${t.attribute})${a.doc ? ` — ${a.doc}` : ''}`, ''];
  lines.push(`${t.type}: \`${typeLabel(a.type)}\` · ${a.use === 'required' ? t.required : t.optional}`);
  if (a.fixed !== undefined) lines.push(`${t.fixed}: \`${a.fixed}\``);
  lines.push(...facetLines(a.type.facets, a.type.enumerationDocs, lang));
  return lines.join('  \n');
}
