/** A plain-text table with aligned columns, for the benchmark's report. */
export class Table {
  private readonly rows: (string[] | 'rule')[] = [];

  constructor(private readonly header: string[]) {}

  add(...cells: string[]): this {
    this.rows.push(cells);
    return this;
  }

  rule(): this {
    this.rows.push('rule');
    return this;
  }

  toString(): string {
    const all = [this.header, ...this.rows.filter((r): r is string[] => r !== 'rule')];
    const widths = this.header.map((_, c) => Math.max(...all.map((r) => [...(r[c] ?? '')].length)));
    const line = (cells: string[]): string =>
      '| ' + widths.map((w, c) => pad(cells[c] ?? '', w, c > 0)).join(' | ') + ' |';
    const sep = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
    const out = [line(this.header), sep];
    for (const r of this.rows) out.push(r === 'rule' ? sep : line(r));
    return out.join('\n');
  }
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - [...s].length));
  return right ? fill + s : s + fill;
}
