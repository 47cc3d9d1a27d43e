/**
 * Optional DI token for the `ModelCatalogData` a `ModelCatalog` is built from. Unbound, the catalog
 * uses the shared `models.json` (`CATALOG_DATA`); tests and deployments may bind their own data.
 */
export const MODEL_CATALOG_DATA = Symbol('bedrock.MODEL_CATALOG_DATA');
