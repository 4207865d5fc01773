# shellcheck shell=bash disable=SC2154 # the variables come from scripts/test-image, which sources this
# Stand-ins for the images the Dockerfile and compose.yaml name, made from Debian's packages, because no
# registry is reachable on the project's machines (see CONTAINERS.md in the shared folder):
#   docker.io/library/debian:bookworm-slim       debootstrap --variant=minbase + the slim image's dpkg/apt settings
#   docker.io/library/swift:6.3.1-bookworm       that + what the official Swift image installs + /usr/bin links to
#                                                the toolchain, which `podman build -v /opt/swift:/opt/swift:ro` mounts
#   ghcr.io/letsencrypt/pebble:latest            Debian's pebble, with the image's /test/certs (a throwaway CA)
#   ghcr.io/letsencrypt/pebble-challtestsrv:latest
#   docker.io/library/nginx:stable               Debian's nginx-light, laid out like the official image
# Sourced by scripts/test-image, which defines `pm` (podman with this machine's flags), `podman_build`,
# `say` and `$cache`. Each image carries a label with the hash of its recipe (what it is made from and
# how), and is remade only when that changes or the image is missing; the debootstrap tarball is kept in
# $cache, so a machine whose podman storage was wiped skips debootstrap.

# recipe_hash TEXT...: a short hash of what an image is made from.
recipe_hash() {
    printf '%s\n' "$@" | sha256sum | cut -c1-16
}

# The Debian mirrors this machine's apt uses (the images' apt must reach the same ones).
debian_mirror() {
    local uri
    uri=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null |
        grep -v security | grep -oE 'https?://[^ ]+' | head -n 1 || true)
    printf '%s\n' "${uri:-http://deb.debian.org/debian}"
}
debian_security_mirror() {
    local uri
    uri=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null |
        grep security | grep -oE 'https?://[^ ]+' | head -n 1 || true)
    printf '%s\n' "${uri:-http://deb.debian.org/debian-security}"
}

# image_is_current IMAGE HASH: the image exists and was made from this recipe.
image_is_current() {
    [[ $(pm image inspect --format '{{index .Labels "org.sidecert.test.recipe"}}' "$1" 2>/dev/null || true) == "$2" ]]
}

# build_stand_in IMAGE DIR HASH: builds DIR/Containerfile as IMAGE, quietly unless it fails.
build_stand_in() {
    local previous
    previous=$(pm image inspect --format '{{.Id}}' "$1" 2>/dev/null || true)
    say "building the $1 stand-in"
    if ! podman_build --label "org.sidecert.test.recipe=$3" -t "$1" "$2" >"$2/build.log" 2>&1; then
        tail -n 30 "$2/build.log" >&2
        echo "test-image: could not build the $1 stand-in" >&2
        return 1
    fi
    remove_replaced_image "$1" "$previous"
}

# remove_replaced_image IMAGE PREVIOUS-ID: the image IMAGE named before it was remade is not kept.
remove_replaced_image() {
    if [[ -n $2 && $2 != "$(pm image inspect --format '{{.Id}}' "$1" 2>/dev/null || true)" ]]; then
        pm rmi "$2" >/dev/null 2>&1 || true
    fi
}

# The minbase rootfs as a tarball, with the settings the official slim image adds (debuerreotype's
# "slimify" and its apt configuration), so apt layers on it are the size they are on the real base.
make_slim_rootfs_tarball() {
    local tarball=$1 rootfs
    rootfs=$(mktemp -d /var/tmp/sidecert-rootfs.XXXXXX)
    say "debootstrap --variant=minbase bookworm from $(debian_mirror) (cached in $tarball afterwards)"
    if ! debootstrap --variant=minbase bookworm "$rootfs" "$(debian_mirror)" >"$rootfs.log" 2>&1; then
        tail -n 30 "$rootfs.log" >&2
        rm -rf "$rootfs" "$rootfs.log"
        echo "test-image: debootstrap failed" >&2
        return 1
    fi
    rm -f "$rootfs.log"
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# The slim image: no documentation, manual pages or translations in any later layer.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
EOF
    cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
    echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$rootfs/etc/apt/apt.conf.d/docker-autoremove-suggests"
    printf 'Acquire::GzipIndexes "true";\nAcquire::CompressionTypes::Order:: "gz";\n' >"$rootfs/etc/apt/apt.conf.d/docker-gzip-indexes"
    echo 'Acquire::Languages "none";' >"$rootfs/etc/apt/apt.conf.d/docker-no-languages"
    # The official image's sources: bookworm, its updates and its security fixes.
    rm -f "$rootfs/etc/apt/sources.list"
    cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $(debian_mirror)
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $(debian_security_mirror)
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    # What the excludes above keep out of later layers, removed from this one too; and no apt lists or logs.
    find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
    rm -rf "$rootfs/usr/share/man/"* "$rootfs/usr/share/info/"* "$rootfs/usr/share/groff/"* "$rootfs/usr/share/lintian/"* \
        "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/apt/"*.bin "$rootfs/var/cache/apt/archives/"*.deb \
        "$rootfs/var/log/"*.log "$rootfs/var/log/apt/"* "$rootfs/tmp/"*
    find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
    mkdir -p "$(dirname "$tarball")"
    tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" .
    mv "$tarball.partial" "$tarball"
    rm -rf "$rootfs"
}

# The Swift builder: the packages swift-docker's Debian 12 image installs (6.2/debian/12/Dockerfile's
# list), the toolchain's commands linked into /usr/bin (the toolchain itself is mounted at build time),
# and git sending package URLs to the local copies, as this machine's git does (DIR holds gitconfig and
# toolchain-commands).
write_builder_containerfile() {
    cat >"$1/Containerfile" <<'EOF'
FROM docker.io/library/debian:bookworm-slim
RUN export DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true && apt-get -q update && \
    apt-get -q install -y binutils libicu-dev libcurl4-openssl-dev libedit-dev libsqlite3-dev libncurses-dev \
        libpython3-dev libxml2-dev pkg-config uuid-dev tzdata git gcc libstdc++-12-dev >/dev/null \
    && rm -r /var/lib/apt/lists/*
COPY toolchain-commands gitconfig /tmp/
RUN while read -r c; do ln -sf "/opt/swift/usr/bin/$c" "/usr/bin/$c"; done </tmp/toolchain-commands \
    && cat /tmp/gitconfig >>/etc/gitconfig && rm /tmp/toolchain-commands /tmp/gitconfig
EOF
}

# Pebble's image serves HTTPS with a certificate from /test/certs, signed by pebble.minica.pem beside it,
# which compose.yaml shares with the sidecar through a volume filled from this directory.
write_pebble_context() {
    local dir=$1
    mkdir -p "$dir/certs/localhost"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/CN=minica root ca" \
        -keyout "$dir/minica.key" -out "$dir/certs/pebble.minica.pem" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
        -keyout "$dir/certs/localhost/key.pem" -out "$dir/localhost.csr" 2>/dev/null
    openssl x509 -req -in "$dir/localhost.csr" -CA "$dir/certs/pebble.minica.pem" -CAkey "$dir/minica.key" \
        -CAcreateserial -days 3650 -out "$dir/certs/localhost/cert.pem" 2>/dev/null \
        -extfile <(printf 'subjectAltName=DNS:localhost,DNS:pebble,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
    chmod 0644 "$dir/certs/localhost/key.pem"
    cat >"$dir/Containerfile" <<'EOF'
FROM docker.io/library/debian:bookworm-slim
RUN apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends pebble >/dev/null \
    && rm -r /var/lib/apt/lists/*
COPY certs /test/certs
EOF
}

# nginx as the official image lays it out where compose.yaml relies on it: `nginx` on PATH, logs to the
# container's output, nothing needed under /var at start, SIGQUIT to stop gracefully.
write_nginx_containerfile() {
    cat >"$1/Containerfile" <<'EOF'
FROM docker.io/library/debian:bookworm-slim
RUN apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends nginx-light >/dev/null \
    && rm -r /var/lib/apt/lists/* \
    && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
}

make_base_images() {
    local base_hash hash tarball dir previous
    base_hash=$(recipe_hash "$(declare -f make_slim_rootfs_tarball)" "$(debian_mirror)" "$(debian_security_mirror)")
    tarball=$cache/debian-bookworm-minbase-slim-$base_hash.tar
    if ! image_is_current docker.io/library/debian:bookworm-slim "$base_hash"; then
        if [[ ! -f $tarball ]]; then
            rm -f "$cache"/debian-bookworm-minbase-slim-*.tar
            make_slim_rootfs_tarball "$tarball"
        fi
        say "podman import $tarball as debian:bookworm-slim"
        previous=$(pm image inspect --format '{{.Id}}' docker.io/library/debian:bookworm-slim 2>/dev/null || true)
        pm import -q --change 'CMD ["bash"]' --change "LABEL org.sidecert.test.recipe=$base_hash" \
            "$tarball" docker.io/library/debian:bookworm-slim >/dev/null
        remove_replaced_image docker.io/library/debian:bookworm-slim "$previous"
    fi

    dir=$(mktemp -d)
    mkdir "$dir/swift" "$dir/pebble" "$dir/nginx"
    git config --system -l | grep -i '\.insteadof=' |
        sed -E 's/^url\.(.*)\.insteadof=(.*)$/[url "\1"]\n\tinsteadOf = \2/I' >"$dir/swift/gitconfig"
    find /opt/swift/usr/bin -maxdepth 1 -mindepth 1 -printf '%f\n' | sort >"$dir/swift/toolchain-commands"
    write_builder_containerfile "$dir/swift"
    hash=$(recipe_hash "$base_hash" "$(cat "$dir/swift/Containerfile" "$dir/swift/gitconfig" "$dir/swift/toolchain-commands")")
    if ! image_is_current docker.io/library/swift:6.3.1-bookworm "$hash"; then
        build_stand_in docker.io/library/swift:6.3.1-bookworm "$dir/swift" "$hash"
    fi

    hash=$(recipe_hash "$base_hash" "$(declare -f write_pebble_context)")
    if ! image_is_current ghcr.io/letsencrypt/pebble:latest "$hash" ||
        ! image_is_current ghcr.io/letsencrypt/pebble-challtestsrv:latest "$hash"; then
        write_pebble_context "$dir/pebble"
        build_stand_in localhost/sidecert-test/pebble-base "$dir/pebble" "$hash"
        printf 'FROM localhost/sidecert-test/pebble-base\nENTRYPOINT ["/usr/bin/pebble"]\n' >"$dir/pebble/Containerfile"
        build_stand_in ghcr.io/letsencrypt/pebble:latest "$dir/pebble" "$hash"
        printf 'FROM localhost/sidecert-test/pebble-base\nENTRYPOINT ["/usr/bin/pebble-challtestsrv"]\n' >"$dir/pebble/Containerfile"
        build_stand_in ghcr.io/letsencrypt/pebble-challtestsrv:latest "$dir/pebble" "$hash"
    fi

    write_nginx_containerfile "$dir/nginx"
    hash=$(recipe_hash "$base_hash" "$(cat "$dir/nginx/Containerfile")")
    if ! image_is_current docker.io/library/nginx:stable "$hash"; then
        build_stand_in docker.io/library/nginx:stable "$dir/nginx" "$hash"
    fi
    rm -rf "$dir"
}
