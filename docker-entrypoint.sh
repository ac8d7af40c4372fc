#!/bin/sh
# The image's two commands: `api` (default) and `migrate`; anything else runs as given.
# `exec` makes node PID 1, so SIGTERM reaches it and in-flight requests drain.
set -e
case "$1" in
  api) exec node --enable-source-maps dist/src/main.js ;;
  migrate) exec node --enable-source-maps dist/src/cli/db-migrate.js ;;
  *) exec "$@" ;;
esac
