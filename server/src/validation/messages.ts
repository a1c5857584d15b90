import { ExpandedName, SchemaProblem, parseExpandedName } from './schemaProblem';

/**
 * Diagnostics in the user's language: Russian first, English when asked. The element is named
 * with the schema's own description, e.g.
 * «FIASHouseGuid (глобальный идентификатор дома по ФИАС): значение 'x' не соответствует формату GUID».
 */
export type Lang = 'ru' | 'en';

export interface MessageContext {
  lang: Lang;
  /** Schema documentation label of an element, if any. */
  label(name: ExpandedName): string | undefined;
  /** How the user writes the name in this document (prefix:local when a prefix is declared). */
  display(name: ExpandedName): string;
  /** The element's text as written, when libxml2's message does not quote it (length facets). */
  value?: string;
  /** Versions the operation accepts, for messages about base:version. */
  versions?: string[];
  /** The built-in type a named schema type restricts, if known ('xs:int'). */
  builtinType?(name: ExpandedName): string | undefined;
}

const GUID_PATTERN = /^\(?\[0-9a-fA-F\]\)?\{8\}-/;
const CYRILLIC = /[\u0400-\u04FF]/;

function subject(ctx: MessageContext, name: ExpandedName): string {
  const label = ctx.label(name);
  return label ? `${name.local} (${label})` : name.local;
}

function q(v: string | undefined): string {
  const s = v ?? '';
  return s.length > 60 ? `'${s.slice(0, 57)}…'` : `'${s}'`;
}

function expectedList(ctx: MessageContext, items: string[]): string {
  const names = items.map((it) => {
    if (it.startsWith('##other')) return ctx.lang === 'ru' ? 'элемент другого пространства имён' : 'an element of another namespace';
    if (it === '*' || it.startsWith('##any')) return ctx.lang === 'ru' ? 'любой элемент' : 'any element';
    const en = parseExpandedName(it);
    // One expected element: its description helps; with several the names alone read better.
    const label = items.length === 1 ? ctx.label(en) : undefined;
    return label ? `${ctx.display(en)} (${label})` : ctx.display(en);
  });
  if (names.length === 1) return names[0];
  return ctx.lang === 'ru' ? `один из: ${names.join(', ')}` : `one of: ${names.join(', ')}`;
}

function cyrillicHint(ctx: MessageContext, value: string | undefined): string {
  if (!value) return '';
  const i = value.search(CYRILLIC);
  if (i < 0) return '';
  return ctx.lang === 'ru'
    ? ` (в значении кириллическая буква «${value[i]}» в позиции ${i + 1})`
    : ` (the value has the Cyrillic letter «${value[i]}» at position ${i + 1})`;
}

const TYPE_NAMES: Record<string, [string, string]> = {
  'xs:boolean': ['логическое значение (true, false, 1 или 0)', 'a boolean (true, false, 1 or 0)'],
  'xs:date': ['дата в формате ГГГГ-ММ-ДД', 'a date as YYYY-MM-DD'],
  'xs:dateTime': ['дата и время в формате ГГГГ-ММ-ДДTчч:мм:сс', 'a date and time as YYYY-MM-DDThh:mm:ss'],
  'xs:time': ['время в формате чч:мм:сс', 'a time as hh:mm:ss'],
  'xs:gYearMonth': ['год и месяц в формате ГГГГ-ММ', 'a year and month as YYYY-MM'],
  'xs:gYear': ['год (ГГГГ)', 'a year (YYYY)'],
  'xs:decimal': ['десятичное число (разделитель — точка)', 'a decimal number (with a dot)'],
  'xs:integer': ['целое число', 'an integer'],
  'xs:int': ['целое число', 'an integer'],
  'xs:long': ['целое число', 'an integer'],
  'xs:short': ['целое число', 'an integer'],
  'xs:byte': ['целое число', 'an integer'],
  'xs:positiveInteger': ['целое положительное число', 'a positive integer'],
  'xs:nonNegativeInteger': ['целое неотрицательное число', 'a non-negative integer'],
  'xs:unsignedInt': ['целое неотрицательное число', 'a non-negative integer'],
  'xs:double': ['число', 'a number'],
  'xs:float': ['число', 'a number'],
  'xs:base64Binary': ['данные в кодировке base64', 'base64 data'],
  'xs:anyURI': ['URI', 'a URI'],
  'xs:ID': ['идентификатор XML (NCName)', 'an XML identifier (NCName)'],
  'xs:NCName': ['имя XML без двоеточия', 'an XML name without a colon'],
  'xs:QName': ['полное имя XML', 'a qualified XML name'],
};

function typeName(ctx: MessageContext, type: string): string {
  const known = TYPE_NAMES[type];
  if (known) return ctx.lang === 'ru' ? known[0] : known[1];
  if (!type) return ctx.lang === 'ru' ? 'значение типа, заданного схемой' : 'a value of the type the schema defines';
  const en = parseExpandedName(type);
  if (/guid/i.test(en.local)) return 'GUID';
  const builtin = ctx.builtinType?.(en);
  const described = builtin ? TYPE_NAMES[builtin] : undefined;
  if (described) return `${ctx.lang === 'ru' ? described[0] : described[1]} (${en.local})`;
  return en.local;
}

export function renderSchemaProblem(p: SchemaProblem, ctx: MessageContext): string {
  const ru = ctx.lang === 'ru';
  if (p.kind === 'noise') return '';
  if (p.kind === 'other') {
    const who = p.element ? `${subject(ctx, p.element)}${p.attribute ? `, ${ctx.display(p.attribute)}` : ''}: ` : '';
    return `${who}${p.text}`;
  }
  const who = subject(ctx, p.element);
  switch (p.kind) {
    case 'not-expected':
      if (p.expected.length === 0) {
        return ru ? `${who}: элемент здесь не допускается — больше элементов не ожидается` : `${who}: element not allowed here; no more elements are expected`;
      }
      return ru
        ? `${who}: элемент здесь не допускается. Ожидается ${expectedList(ctx, p.expected)}`
        : `${who}: element not allowed here. Expected ${expectedList(ctx, p.expected)}`;
    case 'missing-child':
      return ru
        ? `${who}: не хватает обязательного элемента. Ожидается ${expectedList(ctx, p.expected)}`
        : `${who}: a required element is missing. Expected ${expectedList(ctx, p.expected)}`;
    case 'facet':
      return facetMessage(p, ctx, p.attribute ? `${who}, ${ru ? 'атрибут' : 'attribute'} ${ctx.display(p.attribute)}` : who);
    case 'type': {
      const target = p.attribute ? `${who}, ${ru ? 'атрибут' : 'attribute'} ${ctx.display(p.attribute)}` : who;
      if (p.value === '') {
        return ru ? `${target}: пустое значение недопустимо, ожидается ${typeName(ctx, p.type)}` : `${target}: an empty value is not allowed; expected ${typeName(ctx, p.type)}`;
      }
      return ru
        ? `${target}: значение ${q(p.value)} не является допустимым: ожидается ${typeName(ctx, p.type)}${cyrillicHint(ctx, p.value)}`
        : `${target}: value ${q(p.value)} is not valid: expected ${typeName(ctx, p.type)}${cyrillicHint(ctx, p.value)}`;
    }
    case 'attribute-missing': {
      const versions = p.attribute.local === 'version' && ctx.versions?.length ? ctx.versions.join(', ') : undefined;
      if (ru) return `${who}: нет обязательного атрибута ${ctx.display(p.attribute)}${versions ? ` (версии для этой операции: ${versions})` : ''}`;
      return `${who}: required attribute ${ctx.display(p.attribute)} is missing${versions ? ` (versions for this operation: ${versions})` : ''}`;
    }
    case 'attribute-not-allowed':
      return ru ? `${who}: атрибут ${ctx.display(p.attribute)} здесь не допускается` : `${who}: attribute ${ctx.display(p.attribute)} is not allowed here`;
    case 'fixed':
      if (p.attribute?.local === 'version') {
        return ru
          ? `${who}: версия ${q(p.value)} не поддерживается — этот пакет форматов требует base:version="${p.fixed}"`
          : `${who}: version ${q(p.value)} is not supported; this format package requires base:version="${p.fixed}"`;
      }
      return ru ? `${who}: значение ${q(p.value)} должно быть ${q(p.fixed)}` : `${who}: value ${q(p.value)} must be ${q(p.fixed)}`;
    case 'text-not-allowed':
      return ru ? `${who}: текст здесь не допускается — элемент содержит только вложенные элементы` : `${who}: text is not allowed here; the element holds only child elements`;
    case 'children-not-allowed':
      return ru ? `${who}: вложенные элементы не допускаются — ожидается значение` : `${who}: child elements are not allowed; a value is expected`;
    case 'no-declaration':
      return ru
        ? `${ctx.display(p.element)}: элемент не описан в схемах этого пакета форматов${p.element.ns ? ` (пространство имён ${p.element.ns})` : ''}`
        : `${ctx.display(p.element)}: the element is not declared in this format package${p.element.ns ? ` (namespace ${p.element.ns})` : ''}`;
    case 'duplicate-key':
      return ru
        ? `${who}: значение ${p.values} повторяется, а должно быть уникальным (${p.constraint.local})`
        : `${who}: value ${p.values} is repeated but must be unique (${p.constraint.local})`;
    case 'key-field-missing':
      return ru
        ? `${who}: значение ключа не задано или недопустимо (${p.constraint.local})`
        : `${who}: the key value is missing or invalid (${p.constraint.local})`;
    case 'keyref-not-found':
      return ru
        ? `${who}: ссылка ${p.values} не указывает ни на один элемент документа (${p.constraint.local})`
        : `${who}: reference ${p.values} matches no element of the document (${p.constraint.local})`;
  }
}

function facetMessage(p: Extract<SchemaProblem, { kind: 'facet' }>, ctx: MessageContext, who: string): string {
  const ru = ctx.lang === 'ru';
  const value = p.value ?? ctx.value;
  switch (p.facet) {
    case 'pattern': {
      const guid = p.limit !== undefined && GUID_PATTERN.test(p.limit);
      const shape = guid ? (ru ? 'формату GUID' : 'the GUID format') : ru ? `шаблону ${p.limit}` : `the pattern ${p.limit}`;
      return ru
        ? `${who}: значение ${q(value)} не соответствует ${shape}${cyrillicHint(ctx, value)}`
        : `${who}: value ${q(value)} does not match ${shape}${cyrillicHint(ctx, value)}`;
    }
    case 'length':
    case 'minLength':
    case 'maxLength': {
      if (p.length === 0) {
        return ru ? `${who}: пустое значение недопустимо (нужно ${lengthRule(p.facet, p.limit, ru)})` : `${who}: an empty value is not allowed (${lengthRule(p.facet, p.limit, ru)} required)`;
      }
      const shown = value !== undefined ? `${q(value)} ` : '';
      return ru
        ? `${who}: длина значения ${shown}— ${p.length} симв., а нужно ${lengthRule(p.facet, p.limit, ru)}`
        : `${who}: value ${shown}has ${p.length} characters; ${lengthRule(p.facet, p.limit, ru)} required`;
    }
    case 'enumeration': {
      const set = (p.set ?? []).map((s) => `'${s}'`).join(', ');
      return ru ? `${who}: значение ${q(value)} не входит в допустимые: ${set}` : `${who}: value ${q(value)} is not one of: ${set}`;
    }
    case 'minInclusive':
      return ru ? `${who}: значение ${value} меньше допустимого минимума ${p.limit}` : `${who}: value ${value} is below the minimum ${p.limit}`;
    case 'maxInclusive':
      return ru ? `${who}: значение ${value} больше допустимого максимума ${p.limit}` : `${who}: value ${value} is above the maximum ${p.limit}`;
    case 'minExclusive':
      return ru ? `${who}: значение ${value} должно быть больше ${p.limit}` : `${who}: value ${value} must be greater than ${p.limit}`;
    case 'maxExclusive':
      return ru ? `${who}: значение ${value} должно быть меньше ${p.limit}` : `${who}: value ${value} must be less than ${p.limit}`;
    case 'totalDigits':
      return ru ? `${who}: в значении ${value} больше ${p.limit} цифр` : `${who}: value ${value} has more than ${p.limit} digits`;
    case 'fractionDigits':
      return ru ? `${who}: в значении ${value} больше ${p.limit} знаков после точки` : `${who}: value ${value} has more than ${p.limit} fraction digits`;
  }
}

function lengthRule(facet: 'length' | 'minLength' | 'maxLength', limit: string | undefined, ru: boolean): string {
  if (facet === 'length') return ru ? `ровно ${limit}` : `exactly ${limit}`;
  if (facet === 'minLength') return ru ? `не меньше ${limit}` : `at least ${limit}`;
  return ru ? `не больше ${limit}` : `at most ${limit}`;
}
