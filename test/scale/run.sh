#!/usr/bin/env bash
# npm run test:scale — SPEC section 9, the scale path, proven end to end:
#   two API instances (node dist/src/main.js, each its own pool, key cache and revocation listener)
#   share one PostgreSQL through PgBouncer in transaction mode, and
#   - the isolation and pool-safety suites pass against them, each request going to the next instance;
#   - a key revoked (a user disabled, a permission removed) on one is refused on the other within 1 s;
#   - afterwards, no PgBouncer server connection keeps any session state.
# Everything it makes lives in .data/scale (PgBouncer's config, logs, the instances' logs and media).
# It needs a PostgreSQL that trusts local connections (DATABASE_ADMIN_URL, default below) and
# installs PgBouncer from apt when missing. It prepares the suites' database with their own global
# setup, under its own name (TEST_DATABASE_NAME, default faireplace_test_scale), so that it can run
# next to `npm test` (faireplace_test); two runs of test:scale must not share a name.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
SCALE_DIR=$ROOT/.data/scale
export DATABASE_ADMIN_URL=${DATABASE_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
export TEST_DATABASE_NAME=${TEST_DATABASE_NAME:-faireplace_test_scale}
SERVER_POOL_SIZE=4   # PgBouncer's server connections for the app role, shared by both instances
INSTANCE_POOL_SIZE=4 # each instance's own client pool (so 8 client connections onto 4 server ones)

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

INSTANCE_PIDS=()
BOUNCER_PID=""
cleanup() {
  local status=$?
  trap - EXIT
  for pid in "${INSTANCE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${INSTANCE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n $BOUNCER_PID ]]; then
    # runuser forwards the signal to PgBouncer (SIGTERM: immediate shutdown), then exits with it.
    kill -TERM "$BOUNCER_PID" 2>/dev/null || true
    wait "$BOUNCER_PID" 2>/dev/null || true
  fi
  if ((status != 0)); then
    echo "test:scale FAILED (exit $status). Logs: $SCALE_DIR/{pgbouncer,instance-1,instance-2}.log" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PgBouncer binary ----------------------------------------------------------------------------
PGBOUNCER=$(command -v pgbouncer || true)
[[ -z $PGBOUNCER && -x /usr/sbin/pgbouncer ]] && PGBOUNCER=/usr/sbin/pgbouncer
if [[ -z $PGBOUNCER ]]; then
  log "Installing PgBouncer (apt)"
  if ! apt-get install -y pgbouncer; then
    apt-get update
    apt-get install -y pgbouncer
  fi
  PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
fi
"$PGBOUNCER" --version | head -1

# --- Build, then the suites' database, prepared by their own global setup -------------------------
# CI has built already (SKIP_BUILD=1); run alone, the script builds what it tests.
if [ -z "${SKIP_BUILD:-}" ]; then log "Building"; npm run build --silent; fi

rm -rf -- "$SCALE_DIR" # ours alone: created below, on every run
mkdir -p "$SCALE_DIR/media"

log "Preparing the test database (test/support/global-setup.js)"
node --input-type=module -e "
  const { readFileSync } = await import('node:fs');
  const setup = await import('./test/support/global-setup.js');
  await setup.default();
  process.stdout.write(readFileSync(setup.STATE_FILE, 'utf8'));
" >"$SCALE_DIR/database.json"

# URLs: the app role straight to PostgreSQL (LISTEN) and through PgBouncer (everything else).
read -r DB_NAME DB_HOST DB_PORT APP_USER APP_PASSWORD OWNER_USER OWNER_PASSWORD < <(node -e "
  const db = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
  const app = new URL(db.appUrl), owner = new URL(db.ownerUrl);
  const d = decodeURIComponent;
  console.log([d(app.pathname.slice(1)), app.hostname, app.port || 5432, d(app.username), d(app.password), d(owner.username), d(owner.password)].join(' '));
" "$SCALE_DIR/database.json")
DIRECT_APP_URL=$(node -p "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).appUrl" "$SCALE_DIR/database.json")
ADMIN_DB_URL=$(node -p "const u = new URL(JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')).adminUrl); u.pathname = '/' + process.argv[2]; u.toString()" "$SCALE_DIR/database.json" "$DB_NAME")

free_port() { node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"; }
BOUNCER_PORT=$(free_port)
BOUNCER_APP_URL="postgres://$APP_USER:$APP_PASSWORD@127.0.0.1:$BOUNCER_PORT/$DB_NAME"
ADMIN_USER=scale_admin
ADMIN_PASSWORD=scale-admin-password

# --- PgBouncer, transaction mode, our own config -------------------------------------------------
log "Starting PgBouncer on 127.0.0.1:$BOUNCER_PORT (pool_mode = transaction, $SERVER_POOL_SIZE server connections)"
cat >"$SCALE_DIR/userlist.txt" <<EOF
"$APP_USER" "$APP_PASSWORD"
"$OWNER_USER" "$OWNER_PASSWORD"
"$ADMIN_USER" "$ADMIN_PASSWORD"
EOF
cat >"$SCALE_DIR/pgbouncer.ini" <<EOF
;; Written by test/scale/run.sh for one run; nothing under /etc is used.
[databases]
$DB_NAME = host=$DB_HOST port=$DB_PORT dbname=$DB_NAME

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
; TCP only: no socket in /tmp or /var/run/postgresql.
unix_socket_dir =
pidfile = $SCALE_DIR/pgbouncer.pid

; Clients prove their password (SCRAM) against the userlist, as in production; this PostgreSQL
; trusts 127.0.0.1, so PgBouncer's own logins to it need none.
auth_type = scram-sha-256
auth_file = $SCALE_DIR/userlist.txt
admin_users = $ADMIN_USER

; A server connection belongs to a client only for one transaction: no session state survives.
pool_mode = transaction
default_pool_size = $SERVER_POOL_SIZE
min_pool_size = 0
reserve_pool_size = 0
max_db_connections = $SERVER_POOL_SIZE
max_client_conn = 200
; Parameters drivers send at start-up that PgBouncer would otherwise refuse.
ignore_startup_parameters = extra_float_digits,application_name,options

log_connections = 0
log_disconnections = 0
EOF
chmod 600 "$SCALE_DIR/userlist.txt"
if ((EUID == 0)); then
  # PgBouncer refuses to run as root: it runs as postgres, which owns this folder only.
  chown -R postgres "$SCALE_DIR"
  runuser -u postgres -- "$PGBOUNCER" "$SCALE_DIR/pgbouncer.ini" >"$SCALE_DIR/pgbouncer.log" 2>&1 &
else
  "$PGBOUNCER" "$SCALE_DIR/pgbouncer.ini" >"$SCALE_DIR/pgbouncer.log" 2>&1 &
fi
BOUNCER_PID=$!
for _ in $(seq 100); do
  PGPASSWORD=$APP_PASSWORD psql -qtAX -h 127.0.0.1 -p "$BOUNCER_PORT" -U "$APP_USER" -d "$DB_NAME" -c 'SELECT 1' >/dev/null 2>&1 && break
  kill -0 "$BOUNCER_PID" 2>/dev/null || { cat "$SCALE_DIR/pgbouncer.log" >&2; exit 1; }
  sleep 0.1
done
PGPASSWORD=$APP_PASSWORD psql -qtAX -h 127.0.0.1 -p "$BOUNCER_PORT" -U "$APP_USER" -d "$DB_NAME" -c "SELECT 'PgBouncer up: ' || current_user || ' on ' || current_database()"

# --- Two API instances ---------------------------------------------------------------------------
INTERNAL_TOKEN=$(sed -n "s/^export const INTERNAL_TOKEN = '\(.*\)';$/\1/p" test/support/test-app.ts)
[[ -n $INTERNAL_TOKEN ]] || { echo "INTERNAL_TOKEN not found in test/support/test-app.ts" >&2; exit 1; }
# Both instances share one set of signing secrets (.env lines, PEMs base64 on one line).
SECRETS_FILE="$SCALE_DIR/signing-secrets.env"
node dist/src/cli/secrets-generate.js >"$SECRETS_FILE"
URLS=()
for n in 1 2; do
  port=$(free_port)
  env -i PATH="$PATH" HOME="${HOME:-/root}" \
    NODE_ENV=test HOST=127.0.0.1 PORT="$port" \
    DATABASE_URL="$BOUNCER_APP_URL" \
    DATABASE_LISTEN_URL="$DIRECT_APP_URL" \
    DATABASE_POOL_SIZE="$INSTANCE_POOL_SIZE" \
    INTERNAL_API_TOKEN="$INTERNAL_TOKEN" \
    RATE_LIMIT_PER_HOUR=1000000000 \
    MEDIA_ROOT="$SCALE_DIR/media" \
    SWAGGER_ENABLED=false LOG_LEVEL=warn \
    $(cat "$SECRETS_FILE") \
    node --enable-source-maps dist/src/main.js >"$SCALE_DIR/instance-$n.log" 2>&1 &
  INSTANCE_PIDS+=($!)
  URLS+=("http://127.0.0.1:$port")
done
for n in 1 2; do
  url=${URLS[n - 1]}
  pid=${INSTANCE_PIDS[n - 1]}
  for _ in $(seq 200); do
    curl -fsS "$url/api/health" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { echo "instance $n exited:" >&2; cat "$SCALE_DIR/instance-$n.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "instance $n (pid $pid) on $url: $(curl -fsS "$url/api/health")"
done
# Each instance LISTENs on its own direct connection (DATABASE_LISTEN_URL), not through PgBouncer.
psql -qtAX "$ADMIN_DB_URL" -c "
  SELECT 'direct LISTEN connections on $DB_NAME: ' || count(*)
    FROM pg_stat_activity
   WHERE datname = '$DB_NAME' AND application_name = 'faireplace-auth-listener' AND query ILIKE 'LISTEN%'"

# --- The suites, against both instances ----------------------------------------------------------
export NODE_OPTIONS=--experimental-vm-modules
export TEST_TARGET_URLS
TEST_TARGET_URLS=$(IFS=,; echo "${URLS[*]}")
export SCALE_REPORT_FILE=$SCALE_DIR/report.txt
: >"$SCALE_REPORT_FILE"

log "Isolation and pool safety, requests alternating between $TEST_TARGET_URLS"
npx jest --config test/scale/jest.config.js test/isolation.e2e-spec.ts test/pool-safety.e2e-spec.ts

log "Across instances: revocation; then PgBouncer's server connections"
SCALE_ADMIN_DB_URL=$ADMIN_DB_URL SCALE_PGBOUNCER_URL=$BOUNCER_APP_URL SCALE_SERVER_POOL_SIZE=$SERVER_POOL_SIZE \
  npx jest --config test/scale/jest.config.js test/scale/

log "A third instance whose LISTEN goes through PgBouncer: it must notice it hears nothing"
DEAF_PORT=$(free_port)
env -i PATH="$PATH" HOME="${HOME:-/root}" \
  NODE_ENV=test HOST=127.0.0.1 PORT="$DEAF_PORT" \
  DATABASE_URL="$BOUNCER_APP_URL" DATABASE_POOL_SIZE=2 AUTH_HEARTBEAT_INTERVAL_MS=200 \
  INTERNAL_API_TOKEN="$INTERNAL_TOKEN" RATE_LIMIT_PER_HOUR=1000000000 MEDIA_ROOT="$SCALE_DIR/media" \
  SWAGGER_ENABLED=false LOG_LEVEL=warn \
  $(cat "$SECRETS_FILE") \
  node --enable-source-maps dist/src/main.js >"$SCALE_DIR/instance-deaf.log" 2>&1 &
INSTANCE_PIDS+=($!)
DEAF_URL="http://127.0.0.1:$DEAF_PORT"
for _ in $(seq 200); do curl -fsS "$DEAF_URL/api/health" >/dev/null 2>&1 && break; sleep 0.1; done
internal() { curl -fsS -H "X-Internal-Token: $INTERNAL_TOKEN" -H 'Content-Type: application/json' "$@"; }
json() { node -e "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>console.log(JSON.parse(s)$1))"; }
TENANT=$(internal -X POST "${URLS[0]}/internal/tenants" -d '{"name":"Deaf listener"}' | json .id)
USER_ID=$(internal -X POST "${URLS[0]}/internal/tenants/$TENANT/users" -d '{"email":"a@example.com","display_name":"A","permissions":["properties:read"]}' | json .id)
KEY_JSON=$(internal -X POST "${URLS[0]}/internal/tenants/$TENANT/api-keys" -d "{\"user_id\":\"$USER_ID\",\"name\":\"deaf\"}")
KEY=$(echo "$KEY_JSON" | json .key); KEY_ID=$(echo "$KEY_JSON" | json .id)
sleep 2 # > 5 heartbeats of 200 ms: long enough to be declared deaf
grep -q 'hears no notification' "$SCALE_DIR/instance-deaf.log" || { echo "the instance did not refuse its deaf LISTEN:" >&2; cat "$SCALE_DIR/instance-deaf.log" >&2; exit 1; }
for _ in 1 2; do [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$DEAF_URL/api/owners") == 200 ]] || { echo "key refused before revocation" >&2; exit 1; }; done
internal -X DELETE "${URLS[0]}/internal/tenants/$TENANT/api-keys/$KEY_ID" >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$DEAF_URL/api/owners")
[[ $code == 401 ]] || { echo "a revoked key answered $code on the instance whose listener is deaf" >&2; exit 1; }
echo "deaf LISTEN through PgBouncer: refused (logged), key cache off, revoked key refused at once" | tee -a "$SCALE_REPORT_FILE"

log "Measured"
cat "$SCALE_REPORT_FILE"
for n in 1 2; do
  if grep -qiE '"level":(50|60)|\bERROR\b' "$SCALE_DIR/instance-$n.log"; then
    echo "instance $n logged errors (see $SCALE_DIR/instance-$n.log):"
    grep -iE '"level":(50|60)|\bERROR\b' "$SCALE_DIR/instance-$n.log" | head -5
  fi
done
echo "PgBouncer (SHOW POOLS / SHOW STATS for $DB_NAME):"
PGPASSWORD=$ADMIN_PASSWORD psql -qX -h 127.0.0.1 -p "$BOUNCER_PORT" -U "$ADMIN_USER" -d pgbouncer \
  -c 'SHOW POOLS' -c 'SHOW STATS' | grep -E "database|^-|$DB_NAME" || true

log "test:scale passed: 2 instances behind PgBouncer (transaction mode)"
