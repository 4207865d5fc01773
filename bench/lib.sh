# shellcheck shell=bash
# Real test peers for the benchmark, mirroring the Swift harness in
# Tests/SidecertTestSupport/: a throwaway CA and localhost certificate made with openssl,
# free ports picked at run time, pebble-challtestsrv (DNS only: every A query → 127.0.0.1),
# Pebble, and an nginx that answers HTTP-01 from a volume's acme-challenge/ directory.
#
# Usage: source bench/lib.sh; peers_start DIR VOLUME; ...; peers_stop
# After peers_start: PEBBLE_DIR_URL, PEBBLE_CA_PEM, PEBBLE_LOG, PEBBLE_HTTP_PORT, PEBBLE_MGMT_URL.
# Also shared by the bench scripts: build_sidecert, forget_sidecert_environment, stop_pids.

# build_sidecert [SCRATCH_PATH]: builds sidecert as it ships (scripts/build-release, which the Dockerfile
# uses too) and prints the executable's path; the build's own output goes to standard error.
build_sidecert() {
    scripts/build-release "$@"
}

# A benchmark says everything on the command line: no SIDECERT_* setting from the caller's shell.
forget_sidecert_environment() {
    local name
    while read -r name; do unset "$name"; done < <(compgen -e | grep '^SIDECERT_' || true)
}

# A port that was free a moment ago on 127.0.0.1 (the kernel picks it).
free_port() {
    python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Distinct free ports, one per line.
free_ports() {
    python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
for s in socks:
    print(s.getsockname()[1])
for s in socks:
    s.close()
EOF
}

# make_test_certs DIR: DIR/ca.pem, DIR/ca.key, DIR/server.pem, DIR/server.key (localhost, 127.0.0.1).
make_test_certs() {
    local dir=$1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
        -subj "/CN=Sidecert throwaway test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$dir/ca.key" -out "$dir/ca.pem" >/dev/null 2>&1
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 2 -extfile "$dir/server.ext" -out "$dir/server.pem" >/dev/null 2>&1
}

# wait_for_https URL CA_PEM [TRIES]: poll every 0.1 s (default 100 tries ≈ 10 s).
wait_for_https() {
    local url=$1 ca=$2 tries=${3:-100} i
    for ((i = 0; i < tries; i++)); do
        if curl -fsS --max-time 2 --cacert "$ca" -o /dev/null "$url" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    return 1
}

wait_for_http() {
    local url=$1 tries=${2:-100} i
    for ((i = 0; i < tries; i++)); do
        if curl -sS --max-time 2 -o /dev/null "$url" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    return 1
}

# pebble_start DIR [VALIDITY_SECONDS] [DNS_SERVER]: challtestsrv + Pebble, state and logs in DIR.
# DNS_SERVER (HOST:PORT) is where Pebble resolves names and looks DNS-01 records up instead of
# challtestsrv: a real authoritative server (bench/dns01).
# shellcheck disable=SC2034 # the PEBBLE_* variables are for the scripts sourcing this file
pebble_start() {
    local dir=$1 validity=${2:-} dns_server=${3:-}
    mkdir -p "$dir"
    make_test_certs "$dir"
    local ports
    mapfile -t ports < <(free_ports 5)
    PEBBLE_PORT=${ports[0]} PEBBLE_MGMT_PORT=${ports[1]} PEBBLE_HTTP_PORT=${ports[2]}
    PEBBLE_TLS_PORT=${ports[3]} PEBBLE_DNS_PORT=${ports[4]}
    local extra=""
    if [[ -n $validity ]]; then extra="\"certificateValidityPeriod\": $validity,"; fi
    cat >"$dir/pebble-config.json" <<EOF
{
  "pebble": {
    "listenAddress": "127.0.0.1:$PEBBLE_PORT",
    "managementListenAddress": "127.0.0.1:$PEBBLE_MGMT_PORT",
    "certificate": "$dir/server.pem",
    "privateKey": "$dir/server.key",
    "httpPort": $PEBBLE_HTTP_PORT,
    "tlsPort": $PEBBLE_TLS_PORT,
    "ocspResponderURL": "",
    $extra
    "externalAccountBindingRequired": false
  }
}
EOF
    pebble-challtestsrv -dns01 "127.0.0.1:$PEBBLE_DNS_PORT" -http01 "" -https01 "" -tlsalpn01 "" \
        -management "127.0.0.1:$(free_port)" -defaultIPv4 127.0.0.1 -defaultIPv6 "" \
        >"$dir/challtestsrv.log" 2>&1 &
    CHALLTESTSRV_PID=$!
    PEBBLE_VA_NOSLEEP=1 pebble -config "$dir/pebble-config.json" -dnsserver "${dns_server:-127.0.0.1:$PEBBLE_DNS_PORT}" \
        >"$dir/pebble.log" 2>&1 &
    PEBBLE_PID=$!
    PEBBLE_DIR_URL="https://localhost:$PEBBLE_PORT/dir"
    PEBBLE_MGMT_URL="https://127.0.0.1:$PEBBLE_MGMT_PORT"
    PEBBLE_CA_PEM="$dir/ca.pem"
    PEBBLE_LOG="$dir/pebble.log"
    if ! wait_for_https "https://127.0.0.1:$PEBBLE_PORT/dir" "$PEBBLE_CA_PEM"; then
        echo "pebble did not start; last lines of its log:" >&2
        tail -n 20 "$dir/pebble.log" "$dir/challtestsrv.log" >&2
        return 1
    fi
}

# nginx_start DIR VOLUME HTTP_PORT: answers /.well-known/acme-challenge/ from VOLUME/acme-challenge/.
nginx_start() {
    local dir=$1 volume=$2 port=$3
    mkdir -p "$dir" "$volume/acme-challenge"
    local user_line=""
    if [[ $(id -u) == 0 ]]; then user_line="user root;"; fi
    cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log $dir/access.log;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$port;
        location ^~ /.well-known/acme-challenge/ { alias $volume/acme-challenge/; }
    }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >"$dir/nginx.out" 2>&1 &
    NGINX_PID=$!
    if ! wait_for_http "http://127.0.0.1:$port/"; then
        echo "nginx did not start:" >&2
        tail -n 20 "$dir/nginx.out" "$dir/error.log" >&2 2>/dev/null
        return 1
    fi
}

# peers_start DIR VOLUME [VALIDITY_SECONDS]: Pebble + nginx serving HTTP-01 from VOLUME.
peers_start() {
    pebble_start "$1/pebble" "${3:-}" && nginx_start "$1/nginx" "$2" "$PEBBLE_HTTP_PORT"
}

stop_pid() {
    local pid=$1 i
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# stop_pids PID…: SIGTERM to all at once, up to 5 s for them to exit, then SIGKILL for the rest.
stop_pids() {
    local pid i alive
    (($# > 0)) || return 0
    kill -TERM "$@" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        alive=0
        for pid in "$@"; do
            if kill -0 "$pid" 2>/dev/null; then alive=1; break; fi
        done
        ((alive)) || break
        sleep 0.1
    done
    if ((alive)); then kill -KILL "$@" 2>/dev/null || true; fi
    for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

peers_stop() {
    stop_pid "${NGINX_PID:-}"; NGINX_PID=""
    stop_pid "${PEBBLE_PID:-}"; PEBBLE_PID=""
    stop_pid "${CHALLTESTSRV_PID:-}"; CHALLTESTSRV_PID=""
}

# Pebble logs one line per new order / new account it creates (see PebbleEnvironment.swift).
pebble_order_count() { grep -c 'Added order "' "$PEBBLE_LOG" || true; }  # not POST /order-plz: badNonce retries repeat it
pebble_account_count() { grep -c ' accounts in memory' "$PEBBLE_LOG" || true; }  # one line per account created
