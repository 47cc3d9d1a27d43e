# syntax=docker/dockerfile:1
# The gateway image. It also runs bedrock-local (the emulator) when given its command; see docker-compose.yml.
#   docker build -t bedrock-gateway .
#   docker run -p 3000:3000 -e BEDROCK_BACKEND=aws -e GATEWAY_CONFIG=/etc/gateway/config.yaml … bedrock-gateway

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. build: every dependency, then the webpack bundles (dist/apps/gateway, dist/apps/bedrock-local, dist/knowledge-bases).
#    Install scripts are skipped: the bundles keep better-sqlite3 external, so its native build (which needs
#    a toolchain this stage does not have when no prebuilt binary downloads) belongs to stage 2 only.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# 2. production dependencies only. Toolchain for native modules (better-sqlite3) when no prebuilt binary fits;
#    it stays in this stage.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. runtime: slim Node 20, production node_modules, the bundles, a non-root user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# The SQLite ledger and the ledger's spill file live in ./data (a volume in docker-compose.yml).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# /health/live checks only that the process answers (API.md). node:slim has no curl: Node's fetch does it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/gateway/main.js"]
