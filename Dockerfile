# Ferry's container image, two targets from one build:
#   docker build -t ferry .                          the web server (Next.js standalone, `node server.js`)
#   docker build --target worker -t ferry-worker .   `npm run worker` (the replication runner alone)
# Both run as the non-root user `ferry` (uid 10001) and stop gracefully on SIGTERM within
# FERRY_SHUTDOWN_SECONDS (lib/server/shutdown.ts). Not built by this repository's tests (no
# container runtime there): what the image runs is tested by tests/multi/several-instances.test.ts.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 FERRY_BUILD_OUTPUT=standalone
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# Start-up reads drizzle/ from the working directory, so Next's file tracing copies the whole
# checkout into the standalone folder; drop what the server never reads.
RUN npx next build \
  && cd .next/standalone && rm -rf tests e2e docs deploy scripts components app lib ./*.md

FROM ${NODE_IMAGE} AS runtime-base
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 FERRY_DATA_DIR=/data
RUN groupadd --system --gid 10001 ferry \
  && useradd --system --uid 10001 --gid ferry --home-dir /app --shell /usr/sbin/nologin ferry \
  && mkdir /data && chown ferry:ferry /data

# The worker runs the TypeScript sources through tsx (a runtime dependency), on production node_modules only.
FROM runtime-base AS worker
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY drizzle ./drizzle
COPY lib ./lib
COPY scripts/worker.ts ./scripts/worker.ts
USER ferry
HEALTHCHECK NONE
CMD ["node", "--import", "tsx", "scripts/worker.ts"]

# Last, so a plain `docker build` makes the web server.
FROM runtime-base AS web
# Next.js installs no signal handler of its own: Ferry's shutdown owns SIGTERM (lib/server/shutdown.ts).
ENV NEXT_MANUAL_SIG_HANDLE=true PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=ferry:ferry /app/.next/standalone ./
COPY --from=build --chown=ferry:ferry /app/.next/static ./.next/static
COPY --from=build /app/drizzle ./drizzle
USER ferry
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
