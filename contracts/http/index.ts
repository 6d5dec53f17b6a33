/** The HTTP API's routes: one definition each, shared by the server handlers and the dashboard. */
export * from './route';
export * from './publicRoutes';
export * from './adminRoutes';
export * from './streamRoutes';
