# syntax=docker/dockerfile:1
# Build: compile TypeScript with dev dependencies, then keep production dependencies only
# (the optional embedded PostgreSQL is left out: a container always gets DATABASE_URL).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --include=optional
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY db ./db
RUN npm run build && npm prune --omit=dev --omit=optional

# Run: non-root, migrations first (as the owner role, when DATABASE_OWNER_URL is given), then the
# API as the app role. `exec` makes node PID 1's child-free successor, so SIGTERM drains requests.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["sh", "-c", "if [ -n \"$DATABASE_OWNER_URL\" ]; then node dist/src/cli/db-migrate.js || exit 1; fi; exec node --enable-source-maps dist/src/main.js"]
