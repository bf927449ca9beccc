# syntax=docker/dockerfile:1
# The headless engine and its web control panel as a container. Not built or run on the project's own
# machines (no Docker engine there); what is tested is the entrypoint's logic (`cliproxy container`,
# src-proxy/container/) and the npm package this image installs (`npm run test:headless`).
# README "Run headless" has the docker run and docker compose recipes.

# Build: the npm package (scripts/headless/pack-headless.ts), installed into /opt/cliproxy. Build tools are
# here in case better-sqlite3 has no prebuilt binary for the platform and compiles from source.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
# Scripts off: the app's own native builds (Electron's sqlite) are not needed to pack the engine.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npx tsx scripts/headless/pack-headless.ts \
 && npm install -g --prefix /opt/cliproxy --no-audit --no-fund release/headless/*.tgz

# Run: Node 20 and the installed package only, as the unprivileged `node` user (uid 1000).
FROM node:20-bookworm-slim
COPY --from=build /opt/cliproxy /opt/cliproxy
ENV PATH=/opt/cliproxy/bin:$PATH \
    NODE_ENV=production \
    HOME=/root
# The guide's paths as they are: config at /CLIProxyAPI/config.yaml, logins in /root/.cli-proxy-api (the
# `~/.cli-proxy-api` of its config, hence HOME=/root, owned by `node`). Ours: one folder at /data.
RUN mkdir -p /CLIProxyAPI /root/.cli-proxy-api /data \
 && chown -R node:node /CLIProxyAPI /root /data
USER node
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8317
# No curl in the slim image: Node's fetch. Checks the default port; change it with the config's `port`.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8317/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) finishes in-flight requests, for at most 10 s, then exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["cliproxy", "container"]
