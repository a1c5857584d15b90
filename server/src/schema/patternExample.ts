/**
 * A short string that an XML Schema pattern accepts: the first alternative, the fewest
 * repetitions, the first character of a class (a digit or a letter where the class has one).
 * Enough for the patterns GIS uses (GUIDs, codes, numbers, dates, INN/KPP/OGRN shapes); a pattern
 * it cannot read gives undefined and the caller falls back to another placeholder.
 */

type Node =
  | { t: 'chars'; pick: string }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number };

const MAX_REPEAT = 64;

export function patternExample(pattern: string): string | undefined {
  try {
    const p = new Parser(pattern);
    const node = p.alternation();
    if (p.pos !== pattern.length) return undefined;
    return render(node);
  } catch {
    return undefined;
  }
}

function render(n: Node): string {
  switch (n.t) {
    case 'chars':
      return n.pick;
    case 'seq':
      return n.items.map(render).join('');
    case 'alt':
      return render(n.options[0]);
    case 'rep':
      return render(n.node).repeat(Math.min(n.min, MAX_REPEAT));
  }
}

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  alternation(): Node {
    const options = [this.sequence()];
    while (this.s[this.pos] === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { t: 'seq', items };
  }

  private atom(): Node {
    const c = this.s[this.pos++];
    if (c === '(') {
      const inner = this.alternation();
      if (this.s[this.pos++] !== ')') throw new Error('unclosed group');
      return inner;
    }
    if (c === '[') return { t: 'chars', pick: this.charClass() };
    if (c === '\\') return { t: 'chars', pick: this.escape() };
    if (c === '.') return { t: 'chars', pick: 'a' };
    if (c === '?' || c === '*' || c === '+' || c === '{') throw new Error('quantifier without atom');
    return { t: 'chars', pick: c };
  }

  private quantified(node: Node): Node {
    const c = this.s[this.pos];
    if (c === '?' || c === '*') {
      this.pos++;
      return { t: 'rep', node, min: 0 };
    }
    if (c === '+') {
      this.pos++;
      return { t: 'rep', node, min: 1 };
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.pos));
      if (!m) throw new Error('bad quantifier');
      this.pos += m[0].length;
      return { t: 'rep', node, min: Number(m[1]) };
    }
    return node;
  }

  private escape(): string {
    const c = this.s[this.pos++];
    switch (c) {
      case 'd':
        return '1';
      case 'w':
      case 'i':
      case 'c':
        return 'a';
      case 's':
        return ' ';
      case 'D':
      case 'W':
      case 'S':
      case 'I':
      case 'C':
        return c === 'D' ? 'a' : '-';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'p':
      case 'P':
        return this.property(c === 'P');
      default:
        return c;
    }
  }

  private property(negated: boolean): string {
    const m = /^\{[^}]*\}/.exec(this.s.slice(this.pos));
    if (!m) throw new Error('bad property');
    this.pos += m[0].length;
    if (negated) return '-';
    return /\{N/.test(m[0]) ? '1' : 'a';
  }

  /** The class after '[' up to its ']'; returns the character to use. */
  private charClass(): string {
    const negated = this.s[this.pos] === '^';
    if (negated) this.pos++;
    const members: string[] = [];
    let first = true;
    while (this.pos < this.s.length && (this.s[this.pos] !== ']' || first)) {
      first = false;
      if (this.s[this.pos] === '-' && this.s[this.pos + 1] === '[') {
        // subtraction: [a-z-[aeiou]] — skip the subtracted class, keep our pick outside it
        this.pos++;
        this.pos++;
        const removed = this.charClassMembers();
        for (let i = members.length - 1; i >= 0; i--) if (removed.includes(members[i])) members.splice(i, 1);
        continue;
      }
      let c = this.s[this.pos++];
      if (c === '\\') c = this.escape();
      if (this.s[this.pos] === '-' && this.s[this.pos + 1] !== ']' && this.s[this.pos + 1] !== '[') {
        this.pos++;
        let end = this.s[this.pos++];
        if (end === '\\') end = this.escape();
        for (let code = c.codePointAt(0)!; code <= end.codePointAt(0)! && members.length < 256; code++) members.push(String.fromCodePoint(code));
      } else {
        members.push(c);
      }
    }
    if (this.s[this.pos++] !== ']') throw new Error('unclosed class');
    if (negated) {
      for (const candidate of ['1', 'a', 'A', 'я', '-', '_']) if (!members.includes(candidate)) return candidate;
      throw new Error('class excludes every candidate');
    }
    return members.find((m) => /[0-9]/.test(m)) ?? members.find((m) => /[a-zA-Zа-яА-Я]/.test(m)) ?? members[0] ?? 'a';
  }

  private charClassMembers(): string[] {
    const start = this.pos;
    const pick = this.charClass();
    return this.s.slice(start, this.pos - 1).includes('-') ? [pick] : [...this.s.slice(start, this.pos - 1)];
  }
}
