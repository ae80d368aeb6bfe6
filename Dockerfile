# syntax=docker/dockerfile:1
# Multi-stage build: compile with dev dependencies, ship production dependencies only, run as a
# non-root user. better-sqlite3 is a native addon, so both stages use the same Debian-based Node 20
# LTS image (the addon is built against its glibc and Node ABI in the first stage).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ormconfig.ts ./
COPY libs ./libs
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data
# glibc malloc: allocations of 64 KiB and more get their own mapping, returned to the system when
# freed (the same as `npm start`; docs/operations.md "Memory"). Also applies under deploy/k8s,
# whose `command` replaces only the CMD.
ENV MALLOC_MMAP_THRESHOLD_=65536
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# /data holds the SQLite database (mount a volume there); on PostgreSQL nothing is written, so the
# root filesystem can be read-only (deploy/k8s/deployment.yaml).
RUN mkdir -p /data && chown node:node /data
# The image's `node` user (uid 1000), never root.
USER node
EXPOSE 3000
# For plain Docker; Kubernetes uses /health/{startup,ready,live} (deploy/k8s). Liveness only:
# a database outage must not get the container restarted.
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself (readiness 503, drain, close, exit 0: docs/operations.md).
# V8 heap bounds (the same as `npm start`; docs/operations.md "Memory"): the live heap is ~40 MB,
# and without them V8 keeps a reserve that takes the process to 250-300 MB under load.
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=2", "dist/src/main.js"]
