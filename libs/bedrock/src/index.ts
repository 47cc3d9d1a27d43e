// Public surface of @app/bedrock. Other libs and apps import only from here.
export * from './catalog/catalog.types';
export * from './catalog/catalog-data';
export * from './usage/usage-event';
export * from './usage/usage-sink';
