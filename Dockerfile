# One image for every service of the alliance graph; the command picks the service.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json supergraph.config.json ./
COPY shared ./shared
COPY services ./services
COPY gateway ./gateway
USER node
# tsx runs the TypeScript sources as they are (decorator metadata comes from tsconfig).
CMD ["npx", "tsx", "gateway/main.ts"]
