export { startWeb, createWebServer, type RunningWeb } from './web-server';
export { webConfigFromEnv, DEFAULT_WEB_PORT, type WebConfig } from './web.config';
