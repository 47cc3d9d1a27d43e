// Public surface of @app/bedrock-emulator.
export * from './errors/emulator-error';
export * from './models/model-behaviour.types';
