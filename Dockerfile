# One image recipe for every Pulse app; APP picks which (docker-compose.yml passes it per service):
#   docker build --build-arg APP=gateway   -t pulse/gateway .     # GraphQL (HTTP + graphql-ws), port 4000
#   docker build --build-arg APP=collector -t pulse/collector .   # POST /ingest + sources, port 4001
#   docker build --build-arg APP=sentiment -t pulse/sentiment .   # scores with the bundled model, port 4002
# The build context is the repository root. Plain multi-stage syntax only (no RUN --mount, no
# heredocs), so the classic builder used by docker-compose v1 builds it as well as BuildKit does.

ARG NODE_IMAGE=node:20-bookworm-slim
# No default: an image built without naming its app would be the wrong one.
ARG APP

# ---- base: the npm that wrote package-lock.json (root package.json "packageManager"),
# so `npm ci` reads the lockfile exactly as it was written.
FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION=11.19.1
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    TURBO_TELEMETRY_DISABLED=1
RUN npm install -g npm@${NPM_VERSION} && npm cache clean --force
WORKDIR /app

# ---- prune: `turbo prune` keeps the app's workspace, the workspaces it depends on and a lockfile
# cut down to them (/prune/json: manifests and lockfile; /prune/full: their sources). Everything
# after this stage sees only that closure: no other app, no tools/, test/ or bench/.
FROM base AS prune
ARG APP
RUN test -n "${APP}" || { echo 'APP is not set: docker build --build-arg APP=gateway|collector|sentiment .' >&2; exit 1; }
COPY package.json ./
# The turbo version the repository pins (root devDependencies), installed alone: this layer stays
# cached until package.json changes.
RUN npm install -g "turbo@$(node -p "require('./package.json').devDependencies.turbo")" && npm cache clean --force
# .dockerignore keeps node_modules, dist, .git and local data out of the context.
COPY . .
RUN turbo prune "@pulse/${APP}" --docker --out-dir /prune

# ---- build: full install of the closure (tsc, vite, codegen, turbo), then compile the app and
# the workspaces it uses; workspace-local node_modules (dev included) are dropped, deps has them.
FROM base AS build
COPY --from=prune /prune/json/ ./
RUN npm ci
COPY --from=prune /prune/full/ ./
# turbo prune copies workspaces, not the root config every tsconfig extends.
COPY tsconfig.base.json ./
ARG APP
RUN npx turbo run build --filter="@pulse/${APP}..." \
    && find apps packages -mindepth 2 -maxdepth 2 \( -name node_modules -o -name .turbo \) -type d -prune -exec rm -rf {} +

# ---- deps: production dependencies of the closure alone (the pruned lockfile lists nothing
# else), with the workspace links npm creates in node_modules/@pulse.
FROM base AS deps
COPY --from=prune /prune/json/ ./
RUN npm ci --omit=dev && npm cache clean --force

# ---- runtime: production node_modules, then the built workspaces on top (dist output, the
# bundled model, the dashboard assets), run as the image's non-root user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PULSE_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app ./
COPY --from=build /app/packages ./packages
COPY --from=build /app/apps ./apps
# The one writable place, for every app: the gateway's PGlite database when DATABASE_URL is
# unset (/data/db), the collector's source checkpoints (/data/checkpoints), the sentiment app's
# downloaded hub models (/data/models). A fresh named volume mounted on /data or below inherits
# this owner, so the non-root user can write to it.
RUN mkdir -p /data/models && chown -R node:node /data
USER node
# Liveness only; readiness (/readyz) is left to the orchestrator. node's fetch because slim has no curl.
# PORT comes from the app's stage below; the start period covers the slowest start (the model).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# ---- one stage per app: its port and its command. PORT is also what compose's readiness probe reads.
FROM runtime AS app-gateway
ENV PORT=4000
EXPOSE 4000
CMD ["node", "apps/gateway/dist/main.js"]

FROM runtime AS app-collector
ENV PORT=4001
EXPOSE 4001
CMD ["node", "apps/collector/dist/main.js"]

FROM runtime AS app-sentiment
ENV PORT=4002 \
    SENTIMENT_MODEL_CACHE_DIR=/data/models
EXPOSE 4002
CMD ["node", "apps/sentiment/dist/main.js"]

# ---- the image: the stage of the app named by APP.
FROM app-${APP}
