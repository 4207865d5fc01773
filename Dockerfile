# syntax=docker/dockerfile:1
# Sidecert's container image: `sidecert run` by default (the sidecar), or any other command as arguments
# (`docker run IMAGE ensure ...`, `... import ...`, `... status`).
#
#   docker build -t sidecert --build-arg VERSION="$(git describe --always)" --build-arg REVISION="$(git rev-parse HEAD)" .

# The toolchain the project is developed and benchmarked with (Package.swift needs tools 6.1 or later).
ARG SWIFT_IMAGE=swift:6.3.1-bookworm

FROM ${SWIFT_IMAGE} AS build
# No extra packages: swift-crypto and swift-nio-ssl build their own BoringSSL (no libssl-dev), nothing
# imports FoundationNetworking (no libcurl), and the only system library linked, zlib (swift-nio-extras'
# compression, under async-http-client), has its libz.so in the Swift image already (zlib1g-dev comes
# with the image's libpython3-dev).
WORKDIR /src
# Package.resolved pins the dependency versions when the checkout has one (it is not committed).
COPY Package.swift Package.resolved* ./
COPY Sources ./Sources
# SwiftPM checks every target's directory when it loads the manifest, test targets included.
COPY Tests ./Tests
# The version `sidecert --version` prints and the ACME User-Agent carries: the VERSION build argument when one
# is given (letters, digits and . + _ - only), written into the source's one version literal; otherwise the
# source's default.
ARG VERSION=""
RUN if [ -n "${VERSION}" ]; then \
        case "${VERSION}" in *[!A-Za-z0-9.+_-]*) echo "VERSION=${VERSION}: use letters, digits and . + _ - only" >&2; exit 2;; esac; \
        sed -i -E "s/^( *package static let current = )\"[^\"]*\"/\\1\"${VERSION}\"/" Sources/Sidecert/SidecertVersion.swift \
        && grep -q "current = \"${VERSION}\"" Sources/Sidecert/SidecertVersion.swift; \
    fi
# Built by scripts/build-release, as the benchmarks build it, so the image runs what they measured: the Swift
# runtime and FoundationEssentials linked statically (no module imports the rest of Foundation, so no ICU
# data), non-PIE, and the fast path's functions laid out together (scripts/fast-path.order); the script
# says why. The cache mount keeps dependency checkouts and objects between builds without putting them in
# a layer.
COPY scripts/build-release scripts/fast-path.order ./scripts/
RUN --mount=type=cache,target=/src/.build,id=sidecert-swiftpm \
    executable="$(scripts/build-release .build)" \
    && install -D -m 0755 "$executable" /out/sidecert \
    && strip /out/sidecert

# The runtime's files, gathered on the base the executable was built for: its shared libraries (what ldd
# names, with the dynamic loader), CA roots to talk to a public ACME CA, busybox for the POSIX shell that
# runs --reload-command and --notify-command (and the few tools such a command uses: kill, cat, sleep),
# the sidecert user, and /certs owned by it. Nothing else: no package manager, no ICU, no tzdata (the
# executable formats times itself, in UTC).
FROM debian:bookworm-slim AS runtime-files
# DL3008 (pin apt versions) is ignored: bookworm is a stable release that only takes security fixes, and
# the archive drops a package's previous revision when a fix lands, so pinned versions stop building.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends busybox-static ca-certificates libstdc++6 zlib1g \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/sidecert /rootfs/usr/local/bin/sidecert
# The sidecert user's uid/gid 10001 is the one the compose and Kubernetes files run everything as: the
# frontend must read privkey.pem (mode 0600, owned by this uid) and accept its reload signal.
# /certs is created owned by that user, so a fresh named volume mounted there is writable by it.
SHELL ["/bin/bash", "-o", "errexit", "-o", "nounset", "-o", "pipefail", "-c"]
RUN ldd /rootfs/usr/local/bin/sidecert | grep -oE '/[^ ]+' | sort -u | while read -r library; do \
        cp -L --parents "$library" /rootfs; \
    done; \
    install -D -m 0755 /bin/busybox /rootfs/bin/busybox; \
    for applet in $(/bin/busybox --list); do [ -e "/rootfs/bin/$applet" ] || ln -s busybox "/rootfs/bin/$applet"; done; \
    install -D -m 0644 /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ca-certificates.crt; \
    printf 'root:x:0:0:root:/root:/bin/sh\nsidecert:x:10001:10001:sidecert:/nonexistent:/bin/false\n' > /rootfs/etc/passwd; \
    printf 'root:x:0:\nsidecert:x:10001:\n' > /rootfs/etc/group; \
    printf 'hosts: files dns\n' > /rootfs/etc/nsswitch.conf; \
    install -d -m 1777 /rootfs/tmp; \
    install -d -o 10001 -g 10001 -m 0755 /rootfs/certs

FROM scratch
ARG VERSION=""
ARG REVISION=""
LABEL org.opencontainers.image.title="sidecert" \
      org.opencontainers.image.description="TLS certificates for a fleet of containers, kept on one shared volume" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
COPY --from=runtime-files /rootfs /
ENV PATH=/usr/local/bin:/bin

# Numeric, so Kubernetes' runAsNonRoot can check it without a passwd lookup.
USER 10001:10001
VOLUME /certs
# Healthy once every certificate it is configured for (SIDECERT_STORAGE, SIDECERT_CERT_NAME,
# SIDECERT_DOMAINS) is on the volume, usable, and not the self-signed placeholder.
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 CMD ["sidecert", "status", "--check"]
ENTRYPOINT ["sidecert"]
CMD ["run"]
