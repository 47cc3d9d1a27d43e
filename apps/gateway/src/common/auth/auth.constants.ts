/** Route metadata read by the global auth guard. */
export const PUBLIC_ROUTE = 'gateway:auth:public';
export const ADMIN_ROUTE = 'gateway:auth:admin';
