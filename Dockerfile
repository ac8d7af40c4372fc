# syntax=docker/dockerfile:1
# Node 24, the active LTS (20 reached its end of life in April 2026; 20, 22 and 24 are supported:
# package.json `engines`, and CI runs the suite on 20 and 24).
# Build: compile TypeScript with dev dependencies, then keep production dependencies only
# (the optional embedded PostgreSQL is left out: a container always gets DATABASE_URL).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --include=optional
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY db ./db
RUN npm run build && npm prune --omit=dev --omit=optional

# Run: non-root. Two commands, never both in one process, so the owner role's credentials
# (BYPASSRLS) never live in the API:
#   docker run <image> migrate   DATABASE_OWNER_URL: applies pending migrations, then exits (a job)
#   docker run <image>           DATABASE_URL (app role) + secrets: the API on port 3000
# In production the API refuses to start if DATABASE_OWNER_URL or DATABASE_ADMIN_URL is set.
FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["api"]
