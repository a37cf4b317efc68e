# One image for every service of the alliance graph; the command picks the service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Runtime dependencies only (tsx, which runs the TypeScript sources, is one of them).
RUN npm ci --omit=dev --no-audit --no-fund
ENV NODE_ENV=production HOST=0.0.0.0
COPY tsconfig.json supergraph.config.json ./
COPY shared ./shared
COPY services ./services
COPY gateway ./gateway
# DATA_DIR (./data) is the one place a service writes to: the embedded database, or the
# gateway's local token key outside production.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Started with the local tsx as Node's loader, never one fetched at start (decorator metadata
# comes from tsconfig); not the tsx CLI, whose wrapper SIGKILLs a busy server that does not
# acknowledge a relayed SIGTERM within 30 ms, cutting off the requests it is draining.
CMD ["node", "--import", "tsx", "gateway/main.ts"]
