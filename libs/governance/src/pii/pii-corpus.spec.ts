import corpus from './__fixtures__/pii-corpus.json';
import { findPii } from './pii-detector';
import { PII_TYPES, type PiiType } from './pii-type';

interface LabelledText {
  text: string;
  entities: { type: string; value: string }[];
}

/** Entity-level scoring: a detection counts only if its type and exact span match a labelled entity. */
function score(entries: readonly LabelledText[]) {
  let truePositives = 0;
  let detected = 0;
  let expected = 0;
  const misses: string[] = [];
  for (const entry of entries) {
    const labels = entry.entities.map((entity) => {
      const start = entry.text.indexOf(entity.value);
      return `${entity.type}@${start}-${start + entity.value.length}`;
    });
    const found = findPii(entry.text).map((match) => `${match.type}@${match.start}-${match.end}`);
    expected += labels.length;
    detected += found.length;
    const hits = found.filter((key) => labels.includes(key)).length;
    truePositives += hits;
    if (hits !== labels.length || hits !== found.length) misses.push(`${entry.text} → [${found.join(', ')}]`);
  }
  return { recall: truePositives / expected, precision: truePositives / detected, misses, expected };
}

describe('PII corpus', () => {
  const entries = corpus as LabelledText[];

  it('holds at least 100 labelled strings covering every type, with look-alike negatives', () => {
    // Arrange
    const types = new Set(entries.flatMap((entry) => entry.entities.map((entity) => entity.type)));
    const negatives = entries.filter((entry) => entry.entities.length === 0);

    // Assert
    expect(entries.length).toBeGreaterThanOrEqual(100);
    expect(negatives.length).toBeGreaterThanOrEqual(40);
    expect([...types].sort()).toEqual([...PII_TYPES].sort());
    for (const entry of entries) {
      for (const entity of entry.entities) expect(entry.text).toContain(entity.value);
    }
  });

  it('reaches recall and precision of at least 0.95', () => {
    // Act
    const { recall, precision, misses, expected } = score(entries);

    // Assert
    console.log(
      `PII corpus: ${entries.length} strings, ${expected} entities, recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}` +
        (misses.length ? `\nmismatches:\n  ${misses.join('\n  ')}` : ''),
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.95);
  });

  it.each(PII_TYPES)('finds every labelled %s', (type: PiiType) => {
    // Arrange
    const labelled = entries.filter((entry) => entry.entities.some((entity) => entity.type === type));

    // Act
    const found = labelled.filter((entry) => findPii(entry.text, [type]).length > 0);

    // Assert
    expect(found.length).toBe(labelled.length);
  });
});
