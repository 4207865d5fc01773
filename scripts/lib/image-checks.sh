# shellcheck shell=bash disable=SC2154 # the variables come from scripts/test-image, which sources this
# Checks on the built image alone, sourced by scripts/test-image (which defines pm, pm_run, pass, fail,
# wait_for, $image, $version, $work and $run_label). Every container runs with host networking and
# is removed by the script's cleanup.

image_checks() {
    local out status

    # -- the user: numeric (Kubernetes' runAsNonRoot checks it without a passwd lookup), 10001:10001.
    local user ids
    user=$(pm image inspect --format '{{.Config.User}}' "$image")
    ids=$(pm_run --rm --entrypoint id "$image" 2>&1 || true)
    if [[ $user == 10001:10001 && $ids == "uid=10001(sidecert) gid=10001(sidecert) groups=10001(sidecert)" ]]; then
        pass "runs as uid 10001, gid 10001 (USER $user)"
    else
        fail "runs as uid 10001, gid 10001" "USER: $user" "id in the container: $ids"
    fi

    # -- the health check survives the build (podman's OCI format would drop it).
    local healthcheck
    healthcheck=$(pm image inspect --format '{{json .Config.Healthcheck}}' "$image" 2>&1 || true)
    if [[ $healthcheck == *'"sidecert","status","--check"'* ]]; then
        pass "HEALTHCHECK is in the image: $healthcheck"
    else
        fail "HEALTHCHECK is in the image (build with --format docker)" "Config.Healthcheck: $healthcheck"
    fi

    # -- the version the image was built for.
    out=$(pm_run --rm "$image" --version 2>&1 || true)
    if [[ $out == "$version" ]]; then
        pass "sidecert --version prints the build's VERSION ($version)"
    else
        fail "sidecert --version prints the build's VERSION" "expected: $version" "printed:  $out"
    fi

    # -- ensure with the embedded CA on a fresh named volume: the image's /certs (owned by 10001) is copied
    #    into it, as Docker does, so the non-root process can write.
    local volume mountpoint live name=app.internal
    volume=$(pm volume create --label "$run_label" sidecert-test-image-certs-$$)
    mountpoint=$(pm volume inspect --format '{{.Mountpoint}}' "$volume")
    status=0
    out=$(pm_run --rm -v "$volume:/certs" "$image" ensure --domain app.internal --domain localhost 2>&1) || status=$?
    live=$mountpoint/live/$name
    if ((status == 0)) && [[ -f $live/fullchain.pem && -f $live/privkey.pem ]]; then
        pass "ensure --domain app.internal --domain localhost (embedded CA) on a fresh named volume"
    else
        fail "ensure --domain app.internal --domain localhost (embedded CA) on a fresh named volume" \
            "exit status $status; volume root: $(stat -c '%u:%g %a' "$mountpoint")" "$out"
    fi

    local owner key_mode link
    owner=$(stat -c %u:%g "$mountpoint")
    key_mode=$(stat -L -c '%a %u:%g' "$live/privkey.pem" 2>&1 || true)
    link=$(readlink "$live" || true)
    if [[ $owner == 10001:10001 && $key_mode == "600 10001:10001" && -n $link && $link != /* ]]; then
        pass "volume owned by 10001:10001, privkey.pem 0600 owned by 10001, live/$name a relative link ($link)"
    else
        fail "volume and file modes" "volume root: $owner (want 10001:10001)" "privkey.pem: $key_mode (want 600 10001:10001)" \
            "live/$name -> $link (want a relative link)"
    fi

    local sans verify
    sans=$(openssl x509 -in "$live/cert.pem" -noout -ext subjectAltName 2>&1 || true)
    verify=$(openssl verify -CAfile "$mountpoint/local-ca/root.pem" -untrusted "$live/fullchain.pem" "$live/cert.pem" 2>&1 || true)
    if [[ $sans == *"DNS:app.internal"* && $sans == *"DNS:localhost"* && $verify == *": OK" ]]; then
        pass "the certificate names app.internal and localhost and chains to local-ca/root.pem"
    else
        fail "the certificate names app.internal and localhost and chains to local-ca/root.pem" "$sans" "$verify"
    fi

    # -- a second ensure: a usable certificate is there, so nothing is issued (same live version, same
    #    archive) and it is quick. Timed inside the container, so container start-up is not counted, with
    #    /proc/uptime (busybox's date has no %N: 10 ms steps); the bound is 200 times the 10 ms target, to
    #    say "no issuance, no network" without being flaky.
    local versions_before versions_after elapsed_ms
    versions_before=$(find "$mountpoint/archive/$name" -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort | tr '\n' ' ' || true)
    status=0
    # shellcheck disable=SC2016 # expanded by the container's shell
    out=$(pm_run --rm -v "$volume:/certs" --entrypoint /bin/sh "$image" -c \
        'centiseconds() { read -r uptime _ </proc/uptime; echo "${uptime%.*}${uptime#*.}"; }
         start=$(centiseconds); sidecert ensure --domain app.internal --domain localhost; status=$?;
         end=$(centiseconds); echo "elapsed_ms=$(((end - start) * 10))"; exit $status' 2>&1) || status=$?
    elapsed_ms=$(sed -n 's/^elapsed_ms=//p' <<<"$out")
    versions_after=$(find "$mountpoint/archive/$name" -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort | tr '\n' ' ' || true)
    if ((status == 0)) && [[ $(readlink "$live") == "$link" && $versions_after == "$versions_before" ]] &&
        ((${elapsed_ms:-99999} < 2000)); then
        pass "a second ensure issues nothing (live/$name still $link) and takes ${elapsed_ms} ms"
    else
        fail "a second ensure issues nothing and is quick" "exit status $status, ${elapsed_ms:-?} ms (bound 2000)" \
            "live/$name: $link -> $(readlink "$live" || true)" "archive before: $versions_before" "archive after:  $versions_after" "$out"
    fi

    # -- status, in words and JSON.
    local json
    status=0
    out=$(pm_run --rm -v "$volume:/certs" "$image" status 2>&1) || status=$?
    json=$(pm_run --rm -v "$volume:/certs" "$image" status --json 2>&1 || true)
    if ((status == 0)) && [[ $out == *"$name"* ]] &&
        python3 -c 'import json, sys; json.loads(sys.argv[1])' "$json" 2>/dev/null &&
        [[ $json == *'"app.internal"'* ]]; then
        pass "status and status --json describe $name"
    else
        fail "status and status --json describe $name" "status: exit $status" "$out" "status --json:" "$json"
    fi

    # -- the HEALTHCHECK command, run by podman in a container configured for a certificate: 1 before
    #    it is on the volume, 0 after. (The container sleeps: `ensure` is run in it by hand.)
    local container health_before health_after
    container=sidecert-test-image-health-$$
    pm_run -d --name "$container" -v "$(pm volume create --label "$run_label" "$container")":/certs \
        -e SIDECERT_DOMAINS=app.internal,localhost --entrypoint sleep "$image" infinity >/dev/null
    health_before=0
    pm healthcheck run "$container" >"$work/health-before.txt" 2>&1 || health_before=$?
    status=0
    pm exec "$container" sidecert ensure >"$work/health-ensure.txt" 2>&1 || status=$?
    health_after=0
    pm healthcheck run "$container" >"$work/health-after.txt" 2>&1 || health_after=$?
    if ((health_before == 1 && status == 0 && health_after == 0)); then
        pass "podman healthcheck run: 1 before a certificate, 0 after"
    else
        fail "podman healthcheck run: 1 before a certificate, 0 after" \
            "before: exit $health_before: $(cat "$work/health-before.txt")" "ensure: exit $status: $(cat "$work/health-ensure.txt")" \
            "after: exit $health_after: $(cat "$work/health-after.txt")"
    fi
    pm rm -f -t 0 "$container" >/dev/null 2>&1 || true

    # -- a root-owned bind mount: the error must say who the process is and what to run. It exits 2
    #    (configuration: nothing was written) and names uid 10001 and the chown that fixes it
    #    (`chown 10001:10001` or `chown -R 10001:10001`).
    local root_owned
    root_owned=$work/root-owned-certs
    mkdir -m 0755 "$root_owned"
    status=0
    out=$(pm_run --rm -v "$root_owned:/certs" "$image" ensure --domain localhost 2>&1) || status=$?
    if ((status == 2)) && [[ $out == *"uid 10001"* ]] && grep -qE 'chown (-R )?10001:10001' <<<"$out"; then
        pass "a root-owned bind mount: exit 2, the message names uid 10001 and chown 10001:10001"
    else
        fail "a root-owned bind mount: exit 2, the message names uid 10001 and chown 10001:10001" \
            "exit status $status (want 2); the message:" "$out"
    fi
}
