# Tollgate's image: the built panel, the server (run by tsx, as `npm start` does), production
# dependencies only, as a non-root user.
#
#   docker build -t tollgate .
#   docker run -p 127.0.0.1:3000:3000 -e BASE_DOMAIN=localhost -v tollgate-data:/data tollgate
#
# BASE_IMAGE is any image with node (>= 20.19) and npm on PATH and a POSIX shell: the official
# Node LTS image by default. CI, which cannot pull, passes one it makes from the machine's own
# node and npm (scripts/image-base.mjs). Works with the classic builder (DOCKER_BUILDKIT=0).
ARG BASE_IMAGE=node:22-bookworm-slim

# Production dependencies, from the lockfile alone: this layer is rebuilt only when
# package-lock.json changes, not for every source change.
FROM ${BASE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: nothing Tollgate runs needs an install script (tsx's esbuild binary and the
# Prisma client come as plain files); it also keeps native builds out of the image.
# --omit=dev keeps what the lockfile marks devOptional: optional peers of production packages
# that are there because a dev dependency is (the prisma CLI and typescript for @prisma/client,
# Playwright for next; about 130 MB). Nothing at run time loads them: they go too.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && node -e "const fs = require('fs'); \
      for (const [dir, entry] of Object.entries(require('./package-lock.json').packages)) \
        if (dir && entry.devOptional) fs.rmSync(dir, { recursive: true, force: true }); \
      for (const bin of fs.readdirSync('node_modules/.bin')) \
        if (!fs.existsSync('node_modules/.bin/' + bin)) fs.unlinkSync('node_modules/.bin/' + bin); \
      for (const scope of fs.readdirSync('node_modules')) \
        if (scope.startsWith('@') && fs.readdirSync('node_modules/' + scope).length === 0) fs.rmdirSync('node_modules/' + scope);" \
 && npm cache clean --force

# The build: every dependency, then the Prisma client (lib/db/generated) and Next's build (.next).
FROM ${BASE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build
# What runs, and nothing else: no tests, test fixtures, Next's build cache or sources it compiled.
RUN mkdir -p /out/scripts \
 && cp -R .next lib prisma public bin server.ts package.json tsconfig.json next.config.mjs /out/ \
 && cp scripts/start.mjs scripts/db-migrate.ts /out/scripts/ \
 && rm -rf /out/.next/cache \
 && find /out/lib \( -name '*.test.ts' -o -name 'test-support' -o -name 'test-fixtures' \) -prune -exec rm -rf {} + \
 && mkdir -p /out-data

FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    TOLLGATE_PREBUILT=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    HOME=/tmp
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /out ./
# The data directory (the embedded database, which also keeps the generated secrets) belongs to the user the server
# runs as: a named volume mounted here starts with this owner.
COPY --from=build --chown=1000:1000 /out-data /data
# uid 1000 is `node` in the official image; any image works, no passwd entry is needed.
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm start): signals reach the server itself, which drains on SIGTERM.
CMD ["node", "scripts/start.mjs"]
