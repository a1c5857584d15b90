import type { Lang } from './messages';
import { isXmlSpace } from '../xml/scanner';

/**
 * Well-formedness errors from libxml2's parser: said in the user's language, and placed at the
 * exact spot. libxml2 gives a 1-based line and a 1-based column counted in characters (code
 * points), over text whose line breaks were normalised so its lines are the editor's lines.
 */
type Translation = [RegExp, (m: RegExpExecArray) => string];

const RU: Translation[] = [
  [/^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)/, (m) => `Закрывающий тег </${m[3]}> не соответствует открывающему <${m[1]}> (строка ${m[2]})`],
  [/^Premature end of data in tag (\S+) line (\d+)/, (m) => `Документ оборвался: не закрыт элемент <${m[1]}> (строка ${m[2]})`],
  [/^EndTag: '<\/' not found/, () => 'Не найден закрывающий тег'],
  [/^Extra content at the end of the document/, () => 'Лишнее содержимое после корневого элемента'],
  [/^Document is empty/, () => 'Документ пуст'],
  [/^Start tag expected, '<' not found/, () => 'Ожидается начало элемента: символ «<» не найден'],
  [/^StartTag: invalid element name/, () => 'Недопустимое имя элемента'],
  [/^Couldn't find end of Start Tag (\S+)(?: line (\d+))?/, (m) => `Не найден конец открывающего тега <${m[1]}>`],
  [/^attributes construct error/, () => 'Ошибка в записи атрибутов'],
  [/^AttValue: " or ' expected/, () => 'Значение атрибута должно быть в кавычках'],
  [/^Specification mandates value for attribute (\S+)/, (m) => `У атрибута ${m[1]} нет значения`],
  [/^Attribute (\S+) redefined/, (m) => `Атрибут ${m[1]} указан дважды`],
  [/^Unescaped '<' not allowed in attributes values/, () => 'Символ «<» в значении атрибута записывается как &lt;'],
  [/^EntityRef: expecting ';'/, () => 'Ссылка на сущность не закрыта символом «;»'],
  [/^xmlParseEntityRef: no name/, () => 'Символ «&» записывается как &amp;'],
  [/^Entity '([^']+)' not defined/, (m) => `Сущность &${m[1]}; не определена (в XML есть только &lt; &gt; &amp; &quot; &apos;)`],
  [/^Input is not proper UTF-8/, () => 'Текст не в кодировке UTF-8'],
  [/^(?:Char 0x([0-9A-Fa-f]+) out of allowed range|PCDATA invalid Char value (\d+)|xmlParseCharRef: invalid xmlChar value (\d+))/, (m) =>
    `Недопустимый в XML символ (код ${m[1] !== undefined ? parseInt(m[1], 16) : (m[2] ?? m[3])})`],
  [/^Namespace prefix (\S+) for (\S+) on (\S+) is not defined/, (m) => `Префикс пространства имён ${m[1]} (атрибут ${m[2]} элемента ${m[3]}) не объявлен`],
  [/^Namespace prefix (\S+) on (\S+) is not defined/, (m) => `Префикс пространства имён ${m[1]} (элемент ${m[2]}) не объявлен`],
  [/^Excessive depth in document: (\d+)/, (m) => `Слишком глубокая вложенность элементов (больше ${m[1]} уровней)`],
  [/^(?:Detected an entity reference loop|Maximum entity amplification factor exceeded|.*[Aa]mplification)/, () => 'Ссылки на сущности раскрываются в слишком большой объём: документ отклонён'],
  [/^Comment not terminated/, () => 'Комментарий не закрыт (нет «-->»)'],
  [/^XML declaration allowed only at the start of the document/, () => 'Объявление <?xml …?> допустимо только в самом начале документа'],
  [/^CData section not finished/, () => 'Раздел CDATA не закрыт (нет «]]>»)'],
  [/^Sequence '\]\]>' not allowed in content/, () => 'Последовательность «]]>» в тексте недопустима'],
  [/^xmlns:? ?(?:\S+: )?URI (\S+) is not absolute/, (m) => `URI пространства имён ${m[1]} не абсолютный`],
  [/^Unsupported encoding (\S+)/, (m) => `Неподдерживаемая кодировка ${m[1]}`],
  [/^(?:Huge input lookup|Resource limit exceeded|.*too long|.*Buffer size limit exceeded)/i, () => 'Документ превышает пределы разбора (слишком длинный текст или имя)'],
  [/^Memory allocation failed/, () => 'Не хватило памяти для разбора документа'],
  [/^DOCTYPE|^StandaloneDocument|^Content error in the external subset/, () => 'Ошибка в объявлении DOCTYPE'],
  [/^Failed to parse QName '([^']*)'/, (m) => `Недопустимое имя ${m[1]}`],
  [/^Unsupported version '([^']*)'/, (m) => `Версия XML «${m[1]}» не поддерживается, документ читается как XML 1.0`],
  [/^Invalid value "([^"]*)" for xml:space/, (m) => `Недопустимое значение xml:space «${m[1]}»: допустимы default и preserve`],
  [/^(\S+): '([^']*)' is not a valid URI/, (m) => `${m[1]}: «${m[2]}» — недопустимый URI`],
  [/^Double hyphen within comment/, () => 'Два дефиса подряд («--») внутри комментария недопустимы'],
  [/^(?:Extra content at the end|.*after the document element)/, () => 'Лишнее содержимое после корневого элемента'],
];

export function syntaxMessage(libxmlMessage: string, lang: Lang): string {
  const text = libxmlMessage.split('\n')[0].trim();
  if (lang === 'en') return text;
  for (const [re, render] of RU) {
    const m = re.exec(text);
    if (m) return render(m);
  }
  return `Ошибка синтаксиса XML: ${text}`;
}

/**
 * Offsets [start, end) in `text` for libxml2's (line, column). The range covers what is wrong —
 * the name, the entity reference, the stray '<', the repeated attribute — not a lone character
 * next to it.
 */
export function syntaxRange(text: string, lineStarts: (line: number) => number, line: number, column: number, code: number, message: string): [number, number] {
  const lineStart = lineStarts(Math.max(0, line - 1));
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  let offset = lineStart;
  for (let cp = 1; cp < column && offset < lineEnd; cp++) {
    const c = text.charCodeAt(offset);
    offset += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  if (offset >= text.length) {
    // The text ended early: mark its last visible character.
    let e = text.length;
    while (e > 0 && isXmlSpace(text.charCodeAt(e - 1))) e--;
    return [Math.max(0, e - 1), e];
  }
  if (code === TAG_NAME_MISMATCH) {
    const lt = text.lastIndexOf('</', offset);
    if (lt >= lineStart) return nameAt(text, lt + 2);
  }
  if (/^(EntityRef|Entity '|xmlParseEntityRef|Entity ')/.test(message)) {
    const amp = text.lastIndexOf('&', offset);
    if (amp >= lineStart && offset - amp < 64) {
      const semi = text.indexOf(';', amp);
      const end = semi >= 0 && semi < lineEnd && semi - amp < 64 && !/\s/.test(text.slice(amp, semi)) ? semi + 1 : amp + 1;
      return [amp, end];
    }
  }
  if (/^Unescaped '<'/.test(message)) {
    const lt = text.indexOf('<', offset);
    if (lt >= 0 && lt < lineEnd) return [lt, lt + 1];
  }
  const redefined = /^Attribute (\S+) redefined/.exec(message);
  if (redefined) {
    const at = text.lastIndexOf(redefined[1], offset);
    if (at >= lineStart) return [at, at + redefined[1].length];
  }
  if (/^(Char 0x|PCDATA invalid Char|xmlParseCharRef|Input is not proper)/.test(message)) return [offset, offset + 1];
  const c = text.charCodeAt(offset);
  if (isNameChar(c)) {
    let s0 = offset;
    while (s0 > lineStart && isNameChar(text.charCodeAt(s0 - 1))) s0--;
    return nameAt(text, s0);
  }
  if ((isXmlSpace(c) || c === 62 || c === 47) && offset > lineStart && isNameChar(text.charCodeAt(offset - 1))) {
    let s0 = offset - 1;
    while (s0 > lineStart && isNameChar(text.charCodeAt(s0 - 1))) s0--;
    return [s0, offset];
  }
  return [offset, offset + 1];
}

function nameAt(text: string, start: number): [number, number] {
  let e = start;
  while (e < text.length && isNameChar(text.charCodeAt(e))) e++;
  return [start, Math.max(e, start + 1)];
}

const TAG_NAME_MISMATCH = 76;

function isNameChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46 || c === 58 || c >= 0xc0
  );
}
