#!/bin/sh
# Starts compose.yaml's nginx without waiting for a certificate, in two steps:
#  1. at once, HTTP on 8080: it answers HTTP-01 from the volume, and Pebble asks as soon as the first
#     sidecar has ordered, which may be before any certificate (even the placeholder) is there;
#  2. as soon as live/site/ holds a certificate (the sidecars' self-signed placeholder comes first),
#     HTTPS on 8443: https.conf is linked into nginx.conf's include directory and nginx reloaded.
# nginx ends up as the container's main process (exec), so the sidecars, which share its process
# namespace, signal the process named in /run/nginx/nginx.pid for every later certificate.
set -eu

live=/etc/nginx/certs/live/site
enabled=/tmp/nginx-enabled

has_certificate() { [ -r "$live/fullchain.pem" ] && [ -r "$live/privkey.pem" ]; }
enable_https() { ln -sf /etc/nginx/https.conf "$enabled/https.conf"; }

mkdir -p "$enabled"
if has_certificate; then
    enable_https
else
    (
        until has_certificate; do sleep 0.2; done
        enable_https
        until [ -s /run/nginx/nginx.pid ]; do sleep 0.1; done
        exec nginx -s reload
    ) &
fi
exec nginx -g 'daemon off;'
