import { randomUUID } from 'node:crypto';
import { patternExample } from './patternExample';
import type { SimpleTypeModel } from './schemaTypes';
import { mskDate, mskDateTime } from '../xml/moscowTime';

/**
 * A value of the right type for a new request, for the user to overwrite: fresh GUIDs, today's
 * date, the first enumeration value, a string the pattern accepts, a number inside the bounds.
 */

const GUID_SHAPE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface PlaceholderContext {
  now: Date;
}

export function placeholderValue(type: SimpleTypeModel, ctx: PlaceholderContext): string {
  const f = type.facets;
  if (f.enumeration?.length) return f.enumeration[0];
  if (type.variety === 'list') {
    const one = type.item ? placeholderValue(type.item, ctx) : 'a';
    return Array.from({ length: Math.max(1, f.length ?? f.minLength ?? 1) }, () => one).join(' ');
  }
  if (type.variety === 'union' && type.members?.length) return placeholderValue(type.members[0], ctx);
  if (f.patterns?.length) {
    const example = patternValue(f.patterns, type);
    if (example !== undefined) return example;
  }
  return builtinValue(type, ctx);
}

function patternValue(steps: string[][], type: SimpleTypeModel): string | undefined {
  // Every step must accept the value; try each alternative of the most specific step.
  const last = steps[steps.length - 1];
  for (const alternative of last) {
    const example = patternExample(alternative);
    if (example === undefined) continue;
    if (GUID_SHAPE.test(example)) return randomUUID();
    if (steps.every((step) => step.some((p) => accepts(p, example))) && fitsLength(example, type)) return example;
  }
  return undefined;
}

/** XSD patterns are implicitly anchored; the subset GIS uses reads the same in JavaScript. */
function accepts(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern.replace(/\\i/g, '[A-Za-z_:]').replace(/\\c/g, '[-.\\w:]')})$`, 'u').test(value);
  } catch {
    return true;
  }
}

function fitsLength(value: string, type: SimpleTypeModel): boolean {
  const n = [...value].length;
  const f = type.facets;
  return (f.length === undefined || n === f.length) && (f.minLength === undefined || n >= f.minLength) && (f.maxLength === undefined || n <= f.maxLength);
}

function builtinValue(type: SimpleTypeModel, ctx: PlaceholderContext): string {
  const f = type.facets;
  const local = type.builtin.replace(/^xs:/, '');
  const day = mskDate(ctx.now);
  switch (local) {
    case 'boolean':
      return 'true';
    case 'date':
      return day;
    case 'dateTime':
      // GIS works in Moscow time; the offset written must match the clock shown.
      return mskDateTime(ctx.now, false);
    case 'time':
      return '09:00:00';
    case 'gYear':
      return day.slice(0, 4);
    case 'gYearMonth':
      return day.slice(0, 7);
    case 'gMonth':
      return `--${day.slice(5, 7)}`;
    case 'gDay':
      return `---${day.slice(8, 10)}`;
    case 'duration':
      return 'P1D';
    case 'base64Binary':
      return 'AAAA';
    case 'hexBinary':
      return '00';
    case 'anyURI':
      return 'https://dom.gosuslugi.ru/';
    case 'decimal':
    case 'float':
    case 'double':
    case 'integer':
    case 'int':
    case 'long':
    case 'short':
    case 'byte':
    case 'nonNegativeInteger':
    case 'positiveInteger':
    case 'unsignedInt':
    case 'unsignedLong':
    case 'unsignedShort':
    case 'unsignedByte':
    case 'negativeInteger':
    case 'nonPositiveInteger':
      return numberValue(local, f);
    default:
      return textValue(type);
  }
}

function numberValue(local: string, f: SimpleTypeModel['facets']): string {
  let value = local === 'negativeInteger' || local === 'nonPositiveInteger' ? -1 : 1;
  const lower = f.minInclusive !== undefined ? Number(f.minInclusive) : f.minExclusive !== undefined ? Number(f.minExclusive) + 1 : undefined;
  const upper = f.maxInclusive !== undefined ? Number(f.maxInclusive) : f.maxExclusive !== undefined ? Number(f.maxExclusive) - 1 : undefined;
  if (lower !== undefined && value < lower) value = Math.ceil(lower);
  if (upper !== undefined && value > upper) value = Math.floor(upper);
  if (f.totalDigits !== undefined && String(Math.abs(value)).length > f.totalDigits) value = 0;
  return String(value);
}

function textValue(type: SimpleTypeModel): string {
  const f = type.facets;
  const wanted = f.length ?? Math.max(f.minLength ?? 1, Math.min(f.maxLength ?? 8, 8));
  return 'текст'.repeat(Math.ceil(wanted / 5)).slice(0, Math.max(wanted, 1));
}
