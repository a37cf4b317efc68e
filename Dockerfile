# The production image of the alliance graph: one image for every service, the command
# picks which (docker-compose.yml and deploy/kubernetes/ name them):
#   node dist/gateway/main.js             the gateway (the default)
#   node dist/services/<name>/main.js     a subgraph: institutes, enterprises, pilot-bases, funds, alliance
#   node dist/services/migrate.js [name…] pending migrations only (the Kubernetes migration Job)
#   node dist/services/seed.js            migrations, and the demo data with SEED_DEMO_DATA=true
# Compiled JavaScript on Node 22 LTS, production dependencies only, no tests, no tsx, no
# PGlite (the services run on PostgreSQL), a non-root user. `npm run check:image` builds
# the same layout without Docker, starts it on PostgreSQL and measures it (docs/deployment.md).
ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Compile: tsc (decorator metadata for TypeORM), the SDL files beside the JavaScript,
#    and the web app the gateway serves (Vite). All dependencies, dev ones included.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: `prepare` would build the web app before its sources are copied in;
# `npm run build` builds it below. Platform binaries (esbuild, Vite's) come as optional packages.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY shared ./shared
COPY services ./services
COPY gateway ./gateway
COPY web ./web
RUN npm run build

# 2. Production dependencies only: no dev dependencies (tsx, TypeScript, jest, Vite) and no
#    optional ones (PGlite, the embedded database). Type declarations and source maps of
#    node_modules are never read at run time and are more than half its size.
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
  && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -delete \
  && npm cache clean --force

# 3. What runs.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY package.json supergraph.config.json ./
COPY gateway/supergraph.docker.json ./gateway/
COPY --from=build /src/dist ./dist
# DATA_DIR (./data) is the one place a service may write to: the gateway's local token key
# outside production. Everything else is read-only (Kubernetes: readOnlyRootFilesystem).
RUN mkdir -p /app/data && chown node:node /app/data
# The image's `node` user by number, so that Kubernetes' runAsNonRoot can check it.
USER 1000:1000
EXPOSE 4000
# Liveness of whichever service runs: PORT (a subgraph given one), else GATEWAY_PORT, else
# the gateway's 4000. docker-compose checks /ready instead; Kubernetes uses its probes.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || process.env.GATEWAY_PORT || 4000) + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `node` itself is PID 1 and gets SIGTERM: the services drain requests in flight and exit.
CMD ["node", "dist/gateway/main.js"]
