export { API_PREFIX, buildServer, DOCS_PREFIX, type ServerOptions } from './app.js';
export { HttpError } from './errors.js';
