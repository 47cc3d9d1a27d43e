/** The value of the one sample of `name` whose labels include `labels`; undefined when none matches. */
export function sampleValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  const matches = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)));
  if (matches.length > 1)
    throw new Error(`${matches.length} samples of ${name} match ${JSON.stringify(labels)}`);
  const line = matches[0];
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
