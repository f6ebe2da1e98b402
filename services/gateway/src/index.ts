export { createGateway, configureGateway, listenGateway, type GatewayOptions } from './gateway';
export { gatewayConfigFromEnv, type GatewayConfig } from './gateway.config';
export { authOptionsFromEnv, type AuthOptions } from './auth/auth.config';
