import type { ModelCatalogData } from './catalog.types';
import data from './models.json';

/** The catalog data file, typed. Shared by the gateway and the emulator (one copy of the model facts). */
export const CATALOG_DATA = data as ModelCatalogData;
