/**
 * The content the crash test's child writes into each message file, derived from the message and
 * the file name, so the parent can check every file byte for byte. Sizes vary (up to ~24 KB) so
 * that kills land in the middle of writes too.
 */
export function crashFileContent(guid: string, name: string): string {
  let h = 2166136261;
  for (const c of guid + name) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return `<f g="${guid}" n="${name}">${'x'.repeat((h >>> 0) % 24_000)}</f>`;
}
