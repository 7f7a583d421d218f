# The alternative to docs/deploy.md's systemd install: Node 20 on Debian (bookworm, slim), no
# Chromium (only the browser tests need it). The database, its WAL, the session secret and
# the backups live on the /data volume.
#
#   docker build -t lms .
#   docker run -d --name lms -p 127.0.0.1:3000:3000 -v lms-data:/data \
#     -e SESSION_SECRET=… -e TRUST_PROXY=172.17.0.1 lms
FROM node:20-bookworm-slim AS build
# better-sqlite3 and @node-rs/argon2 build from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/data/app.db \
    BACKUP_DIR=/data/backups
WORKDIR /app
RUN groupadd --system lms && useradd --system --gid lms --home-dir /data lms \
  && mkdir -p /data && chown lms:lms /data
COPY --from=build --chown=root:root /app /app
USER lms
VOLUME ["/data"]
EXPOSE 3000
# Liveness only; /readyz (database and backup age) is for monitoring.
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# `npm run serve` applies the migrations, then serves; SIGTERM (docker stop) stops it cleanly.
CMD ["npm", "run", "serve"]
