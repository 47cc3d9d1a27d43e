import type { DocumentMetadata, LoadedKnowledgeBase } from './knowledge-base.model';

/** Builds an in-memory knowledge base for specs and the benchmark. */
export function memoryKnowledgeBase(
  id: string,
  documents: { path: string; text: string; metadata?: DocumentMetadata }[],
): LoadedKnowledgeBase {
  return {
    definition: {
      id,
      name: id.toLowerCase(),
      description: '',
      dataSourceId: 'DSTEST0001',
      bucket: 'test-bucket',
    },
    dir: `/memory/${id}`,
    documents: documents.map((document) => ({
      path: document.path,
      title: document.path.replace(/\.\w+$/, ''),
      text: document.text,
      metadata: document.metadata ?? {},
    })),
  };
}

/** A small knowledge base about fruit with metadata for filter tests. */
export const ORCHARD = memoryKnowledgeBase('KBORCHARD1', [
  {
    path: 'apples.md',
    text: 'Apples grow on trees in temperate orchards. Apple harvest starts in September.',
    metadata: { kind: 'fruit', year: 2021, region: 'north-east', tags: ['tree', 'autumn'] },
  },
  {
    path: 'pears.md',
    text: 'Pears ripen off the tree after picking. Pear orchards need cold winters.',
    metadata: { kind: 'fruit', year: 2023, region: 'north-west', tags: ['tree'] },
  },
  {
    path: 'carrots.md',
    text: 'Carrots are root vegetables sown in spring. Orchards are not needed for carrots.',
    metadata: { kind: 'vegetable', year: 2024, region: 'south', tags: ['root', 'spring'] },
  },
  {
    path: 'cherries.md',
    text: 'Cherry trees blossom in spring and fruit in early summer in sunny orchards.',
    metadata: { kind: 'fruit', year: 2019, organic: true },
  },
]);
