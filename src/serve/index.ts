/** serve: the HTTP API, its OpenAPI document and the web page, over a corpus store. */
export { type AppOptions, CONTENT_SECURITY_POLICY, createApp } from './app.js';
export { openApiDocument } from './openapi.js';
export { type RunningServer, type ServerOptions, startServer } from './server.js';
