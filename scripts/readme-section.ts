import { readFileSync, writeFileSync } from 'node:fs';

/** The README's generated sections, between `<!-- <name>:start -->` and `<!-- <name>:end -->`. */
export type ReadmeSection = 'config' | 'bench';

function markers(section: ReadmeSection): { start: string; end: string } {
  return { start: `<!-- ${section}:start -->`, end: `<!-- ${section}:end -->` };
}

/** The text between the section's markers, without the newlines next to them. */
export function readSection(readme: string, section: ReadmeSection): string {
  const { start, end } = markers(section);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${start} … ${end} section`);
  return readme
    .slice(from + start.length, to)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

/** The README with the section's content replaced; everything outside the markers is kept. */
export function replaceSection(readme: string, section: ReadmeSection, content: string): string {
  const { start, end } = markers(section);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${start} … ${end} section`);
  return `${readme.slice(0, from + start.length)}\n${content.replace(/\n+$/, '')}\n${readme.slice(to)}`;
}

export function writeSection(path: string, section: ReadmeSection, content: string): boolean {
  const before = readFileSync(path, 'utf8');
  const after = replaceSection(before, section, content);
  if (after !== before) writeFileSync(path, after);
  return after !== before;
}
