// Public surface of @app/usage. Apps import only from here.
export * from './usage.module';
export * from './usage-module.options';
export * from './usage.constants';
export * from './usage-lifecycle.service';
export * from './store/usage-store';
export * from './store/usage-record';
export * from './store/usage-query.types';
export * from './store/usage-query.error';
export { decodeCursor } from './store/request-cursor';
export * from './store/create-usage-store';
export * from './store/sqlite/sqlite-usage.store';
export * from './store/postgres/postgres-usage.store';
export * from './ledger/usage-ledger';
export * from './ledger/usage-ledger.options';
export * from './ledger/usage-ledger.health';
export * from './retention/usage-retention';
export * from './csv/usage-csv';
export * from './csv/iterate-requests';
