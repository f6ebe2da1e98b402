# syntax=docker/dockerfile:1
# The image of Élan's services: the gateway (the default command) and the campaign service
# (`node -r @swc-node/register services/campaign/src/main.ts`, as docker-compose.yml runs it).
# Services run their TypeScript through @swc-node/register, exactly as `npm start` does, so
# there is one way to run the code; a compiled build can replace it once the services have
# build targets.
#
# Build:  docker build -t elan/elan .
# Run:    docker run -e DATABASE_URL=… -e NATS_URL=… -e NATS_NKEY_SEED_FILE=… -e AUTH_SECRET=… -p 3000:3000 elan/elan
# (NODE_ENV=production: the NATS seed and AUTH_SECRET are required; see docs/operations.md.)

# --- dependencies: installed once from the lock file ----------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# npm ci needs every workspace's package.json to match package-lock.json.
COPY package.json package-lock.json .npmrc ./
COPY libs/domain-kernel/package.json libs/domain-kernel/
COPY libs/event-store/package.json libs/event-store/
COPY libs/messaging/package.json libs/messaging/
COPY libs/contracts/package.json libs/contracts/
COPY libs/testing/package.json libs/testing/
COPY libs/service-kit/package.json libs/service-kit/
COPY libs/payments/package.json libs/payments/
COPY libs/stripe-emulator/package.json libs/stripe-emulator/
COPY libs/personal-data/package.json libs/personal-data/
COPY libs/transparency/package.json libs/transparency/
COPY libs/mail-catcher/package.json libs/mail-catcher/
COPY libs/observability/package.json libs/observability/
COPY services/gateway/package.json services/gateway/
COPY services/campaign/package.json services/campaign/
COPY services/pledge/package.json services/pledge/
COPY services/tipping/package.json services/tipping/
COPY services/payout/package.json services/payout/
COPY services/web/package.json services/web/
COPY services/notification/package.json services/notification/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund

# --- runtime ---------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY services ./services
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "-r", "@swc-node/register", "services/gateway/src/main.ts"]
