# shellcheck shell=bash disable=SC2154 # the variables come from scripts/test-image, which sources this
# compose.yaml's topology as containers, sourced by scripts/test-image (which defines pm, pm_run, pass,
# fail, wait_for, logs_of, free_ports, $image, $work and $run_label).
#
# What runs is what `docker-compose config` makes of compose.yaml (scripts/lib/compose-to-podman.py turns
# each service into `podman run` arguments), with host networking: every listener gets a free port on
# 127.0.0.1 and the addresses compose's network provides are rewritten to it. The `pause`, `web` and
# `sidecert` services run twice, as two frontends with their own sidecar on one certificate volume: the
# shape users deploy (a pod per replica), and the volume's lease shows in the one order they make.

# compose_container SERVICE [SUFFIX] [EXTRA-ARGUMENT...]: starts the service's container.
compose_container() {
    local service=$1 suffix=${2:-} args=()
    shift 2 || shift $#
    local http=$http_a https=$https_a
    if [[ $suffix == -b ]]; then http=$http_b https=$https_b; fi
    mapfile -d '' -t args < <(/usr/bin/python3 scripts/lib/compose-to-podman.py run "$work/compose.config.yaml" "$service" \
        --prefix "$prefix" --suffix="$suffix" --per-instance nginx-run --files-dir "$work" \
        --image-for-build "$image" --add-host pebble:127.0.0.1 \
        --replace "challtestsrv:8053=127.0.0.1:$dns_port" --replace "10.77.53.10=127.0.0.1" \
        --replace "pebble:14000=pebble:$pebble_port" --replace "0.0.0.0:14000=127.0.0.1:$pebble_port" \
        --replace "0.0.0.0:15000=127.0.0.1:$pebble_management_port" --replace "\"httpPort\": 8080=\"httpPort\": $http_a" \
        --replace "listen 8080=listen 127.0.0.1:$http" --replace "listen 8443 ssl=listen 127.0.0.1:$https ssl" \
        -- "$@")
    if ((${#args[@]} == 0)); then
        fail "compose.yaml's $service as a container" "compose-to-podman.py refused it (see above)"
        return 1
    fi
    pm_run -d "${args[@]}" >/dev/null
}

# served_serial PORT: the serial of the certificate HTTPS on 127.0.0.1:PORT serves for the demo's name.
served_serial() {
    openssl s_client -connect "127.0.0.1:$1" -servername "$server_name" </dev/null 2>/dev/null |
        openssl x509 -noout -serial 2>/dev/null | sed 's/^serial=//'
}
serves_serial() { [[ $(served_serial "$1") == "$2" ]]; }
healthy() { pm healthcheck run "$1"; }
reload_count() { pm logs "$1" 2>&1 | grep 'frontend reloaded' | grep -c -- "$2" || true; }
reloaded() { (($(reload_count "$1" "$2") >= 1)); }
pebble_count() { pm logs "${prefix}pebble" 2>&1 | grep -c -- "$1" || true; }
started_at() { pm inspect --format '{{.State.StartedAt}} pid {{.State.Pid}} restarts {{.RestartCount}}' "$1"; }
live_serial() { openssl x509 -noout -serial -in "$certs/live/$cert_name/cert.pem" 2>/dev/null | sed 's/^serial=//'; }
live_version() { basename "$(readlink "$certs/live/$cert_name")"; }

compose_checks() {
    prefix=sidecert-test-$$-
    if ! command -v docker-compose >/dev/null 2>&1 || ! /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
        if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            docker-compose python3-yaml; } >"$work/apt-compose.log" 2>&1; then
            tail -n 20 "$work/apt-compose.log" >&2
            fail "docker-compose (Debian's) for compose.yaml's configuration" "could not install it"
            return
        fi
    fi
    if ! docker-compose --file compose.yaml config >"$work/compose.config.yaml" 2>"$work/compose.config.err"; then
        fail "docker-compose config" "$(cat "$work/compose.config.err")"
        return
    fi
    read -r pebble_port pebble_management_port dns_port challtestsrv_management_port http_a https_a http_b https_b \
        <<<"$(free_ports 8)"
    cert_name=$(/usr/bin/python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["services"]["sidecert"]["environment"]["SIDECERT_CERT_NAME"])' "$work/compose.config.yaml")
    server_name=$(/usr/bin/python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["services"]["sidecert"]["environment"]["SIDECERT_DOMAINS"].split(",")[0])' "$work/compose.config.yaml")

    # The volumes, as compose creates them (nginx-run is a tmpfs owned by 10001, one per frontend).
    local volume args
    for volume in certs pebble-certs nginx-run:-a nginx-run:-b; do
        mapfile -d '' -t args < <(/usr/bin/python3 scripts/lib/compose-to-podman.py volume "$work/compose.config.yaml" \
            "${volume%%:*}" --prefix "$prefix" --suffix="$([[ $volume == *:* ]] && echo "${volume#*:}")" --label "$run_label")
        pm volume create "${args[@]}" >/dev/null
    done

    # compose's order (depends_on): the CA and its DNS, then each frontend's namespace holder, nginx, sidecar.
    compose_container challtestsrv "" -dns01 "127.0.0.1:$dns_port" -management "127.0.0.1:$challtestsrv_management_port" || return
    compose_container pebble "" || return
    local pod
    for pod in -a -b; do
        compose_container pause "$pod" || return
        compose_container web "$pod" || return
        compose_container sidecert "$pod" || return
    done
    certs=$(pm volume inspect --format '{{.Mountpoint}}' "${prefix}certs")
    local sidecars=("${prefix}sidecert-a" "${prefix}sidecert-b") webs=("${prefix}web-a" "${prefix}web-b")
    local everything=("${prefix}pebble" "${webs[@]}" "${sidecars[@]}")

    # -- the first certificate: every sidecar's health check (the image's HEALTHCHECK) passes once the CA's
    #    certificate, not the placeholder, is live; one order and one certificate at Pebble for both.
    local started
    started=$SECONDS
    if wait_for 150 healthy "${sidecars[0]}" && wait_for 30 healthy "${sidecars[1]}"; then
        pass "both sidecars healthy (status --check) with Pebble's certificate after $((SECONDS - started)) s"
    else
        fail "both sidecars healthy with Pebble's certificate within 180 s" "$(logs_of "${everything[@]}")"
        return
    fi
    local orders issued
    orders=$(pebble_count 'Added order "')
    issued=$(pebble_count 'Issued certificate serial ')
    if ((orders == 1 && issued == 1)); then
        pass "one order and one certificate at Pebble for two frontends"
    else
        fail "one order and one certificate at Pebble for two frontends" "orders: $orders, certificates: $issued" \
            "$(logs_of "${sidecars[@]}")"
    fi

    # -- HTTPS serves it, and every sidecar reloaded its own nginx once for it.
    local serial version
    serial=$(live_serial)
    version=$(live_version)
    if wait_for 40 serves_serial "$https_a" "$serial" && wait_for 20 serves_serial "$https_b" "$serial"; then
        pass "both nginx serve the issued certificate (serial $serial) over HTTPS"
    else
        fail "both nginx serve the issued certificate over HTTPS" "live: $serial; served: a $(served_serial "$https_a"), b $(served_serial "$https_b")" \
            "$(logs_of "${webs[@]}" "${sidecars[@]}")"
    fi
    if wait_for 20 reloaded "${sidecars[0]}" "$version" && wait_for 20 reloaded "${sidecars[1]}" "$version" &&
        (($(reload_count "${sidecars[0]}" "$version") == 1 && $(reload_count "${sidecars[1]}" "$version") == 1)); then
        pass "each sidecar reloaded its nginx once for $version"
    else
        fail "each sidecar reloaded its nginx once for $version" \
            "reloads: a $(reload_count "${sidecars[0]}" "$version"), b $(reload_count "${sidecars[1]}" "$version")" \
            "$(logs_of "${sidecars[@]}")"
    fi

    # -- restarting web leaves its sidecar running (neither owns the shared process namespace), nginx
    #    comes back serving the certificate, and the sidecar's next reload reaches the new nginx.
    local sidecar_before web_before
    sidecar_before=$(started_at "${sidecars[0]}")
    pm restart -t 10 "${webs[0]}" >/dev/null
    if [[ $(pm inspect --format '{{.State.Running}}' "${sidecars[0]}") == true && $(started_at "${sidecars[0]}") == "$sidecar_before" ]] &&
        wait_for 30 serves_serial "$https_a" "$serial"; then
        pass "restarting web: its sidecar keeps running ($sidecar_before), nginx serves the certificate again"
    else
        fail "restarting web: its sidecar keeps running, nginx serves the certificate again" \
            "sidecar before: $sidecar_before" "sidecar after:  $(started_at "${sidecars[0]}" 2>&1)" \
            "$(logs_of "${webs[0]}" "${sidecars[0]}")"
    fi

    local status=0 renew_output new_serial new_version
    renew_output=$(pm exec "${sidecars[1]}" sidecert renew --force 2>&1) || status=$?
    new_serial=$(live_serial)
    new_version=$(live_version)
    if ((status == 0)) && [[ $new_serial != "$serial" ]] &&
        wait_for 40 serves_serial "$https_a" "$new_serial" && wait_for 20 serves_serial "$https_b" "$new_serial" &&
        wait_for 20 reloaded "${sidecars[0]}" "$new_version" && wait_for 20 reloaded "${sidecars[1]}" "$new_version"; then
        pass "renew --force after web's restart: both sidecars reload, the restarted nginx serves the new certificate"
    else
        fail "renew --force after web's restart reaches the restarted nginx" "renew: exit $status" "$renew_output" \
            "live: $new_serial; served: a $(served_serial "$https_a"), b $(served_serial "$https_b")" \
            "$(logs_of "${webs[0]}" "${sidecars[@]}")"
    fi

    # -- restarting the sidecar leaves nginx running; the sidecar finds the certificate on the volume
    #    (healthy again, no order).
    web_before=$(started_at "${webs[0]}")
    orders=$(pebble_count 'Added order "')
    pm restart -t 10 "${sidecars[0]}" >/dev/null
    if [[ $(started_at "${webs[0]}") == "$web_before" ]] && serves_serial "$https_a" "$new_serial" &&
        wait_for 60 healthy "${sidecars[0]}" && (($(pebble_count 'Added order "') == orders)); then
        pass "restarting the sidecar: nginx keeps running ($web_before) and serving; the sidecar is healthy again without an order"
    else
        fail "restarting the sidecar leaves nginx running" "nginx before: $web_before" "nginx after:  $(started_at "${webs[0]}" 2>&1)" \
            "orders: $orders before, $(pebble_count 'Added order "') after" "$(logs_of "${webs[0]}" "${sidecars[0]}")"
    fi
}
