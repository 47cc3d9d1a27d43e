/**
 * Retrieve latency over a synthetic knowledge base of 10,000 chunks (not a test).
 * Run: node -r @swc-node/register bench/retrieve.bench.ts
 * Prints build time and p50/p95/p99 per search type, each query asked once (no cache hits); target p50 < 5 ms.
 */
import { memoryKnowledgeBase } from '../libs/bedrock-emulator/src/knowledge-bases/knowledge-base.fixtures';
import { KnowledgeBases } from '../libs/bedrock-emulator/src/knowledge-bases/knowledge-bases';

const CHUNKS = 10_000;
const CALLS = 300;
const WARM_UP = 30;

/** Deterministic PRNG (mulberry32) so every run benchmarks the same corpus and queries. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(42);

/**
 * Text shaped like natural language: about 45% of tokens are stop words (as in English prose; the index drops
 * them), and content words follow Zipf's law (s = 1) over 40,000 words continuing after the ~150 most frequent
 * English words, which are function words. (Putting content words at the head of the Zipf curve instead makes
 * every chunk contain the same few words, which no real corpus does.)
 */
const STOP = [
  'the',
  'of',
  'and',
  'to',
  'in',
  'is',
  'for',
  'that',
  'with',
  'on',
  'as',
  'by',
  'it',
  'are',
  'be',
  'this',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'tor',
  'sa',
  'vel',
  'qui',
  'dan',
  'po',
  'ser',
  'nu',
  'gal',
  'fi',
  'ton',
  'bre',
];
const vocabulary = [...new Set(Array.from({ length: 60_000 }, () => syllableWord()))].slice(0, 40_000);
const zipfCdf = cumulative(vocabulary.map((_, rank) => 1 / (rank + 151)));

function syllableWord(): string {
  const syllables = 2 + Math.floor(random() * 4);
  return Array.from({ length: syllables }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
}

function cumulative(weights: number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => (cdf[i] = total += weight));
  return cdf.map((value) => value / total);
}

function contentWord(): string {
  const target = random();
  let low = 0;
  let high = zipfCdf.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (zipfCdf[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return vocabulary[low]!;
}

const token = (): string => (random() < 0.45 ? STOP[Math.floor(random() * STOP.length)]! : contentWord());
const sentence = (): string => {
  const words = Array.from({ length: 6 + Math.floor(random() * 14) }, token).join(' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
};

function corpus(): ReturnType<typeof memoryKnowledgeBase> {
  const documents = Array.from({ length: CHUNKS }, (_, i) => ({
    path: `synthetic/doc-${i}.md`,
    // 8–14 sentences of 6–19 words: under the 300-word chunk limit, so one document = one chunk
    text: Array.from({ length: 8 + Math.floor(random() * 7) }, sentence).join(' '),
    metadata: { shard: i % 10, year: 2015 + (i % 10) },
  }));
  return memoryKnowledgeBase('KBSYNTHETC', documents);
}

/** A question about a random document: 2–5 of its content words in a question frame, as users ask. */
function question(documents: { text: string }[]): string {
  const words = documents[Math.floor(random() * documents.length)]!.text.toLowerCase()
    .split(/\W+/)
    .filter((word) => word.length > 0 && !STOP.includes(word));
  const picked = Array.from(
    { length: 2 + Math.floor(random() * 4) },
    () => words[Math.floor(random() * words.length)],
  );
  return `how is the ${picked.join(' ')} used?`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function run(): void {
  const buildStart = performance.now();
  const source = corpus();
  const kbs = KnowledgeBases.fromLoaded([source]);
  const [summary] = kbs.list();
  console.log(`built ${summary!.chunks} chunks in ${(performance.now() - buildStart).toFixed(0)} ms`);

  const queries = Array.from({ length: CALLS + WARM_UP }, () => question(source.documents));
  for (const searchType of ['HYBRID', 'SEMANTIC'] as const) {
    for (const withFilter of [false, true]) {
      const timings: number[] = [];
      queries.forEach((text, i) => {
        const body = {
          retrievalQuery: { text },
          retrievalConfiguration: {
            vectorSearchConfiguration: {
              numberOfResults: 5,
              overrideSearchType: searchType,
              ...(withFilter ? { filter: { greaterThanOrEquals: { key: 'year', value: 2020 } } } : {}),
            },
          },
        };
        const start = performance.now();
        kbs.retrieve('KBSYNTHETC', body);
        if (i >= WARM_UP) timings.push(performance.now() - start);
      });
      timings.sort((a, b) => a - b);
      const label = `${searchType}${withFilter ? ' + filter' : ''}`.padEnd(18);
      console.log(
        `${label} n=${timings.length} p50=${percentile(timings, 50).toFixed(2)} ms ` +
          `p95=${percentile(timings, 95).toFixed(2)} ms p99=${percentile(timings, 99).toFixed(2)} ms`,
      );
    }
  }
}

run();
