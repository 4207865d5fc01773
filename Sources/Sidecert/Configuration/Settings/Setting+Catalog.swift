/// Every setting Sidecert has. The command-line declarations take their names and help from here, the
/// environment twins and the certificates file's keys are derived from here, and errors name what is here.
extension Setting {
    // MARK: - The volume and the process

    package static let storage = Setting("storage", scope: .process, valueName: "dir", default: "/certs", "The shared volume.")
    package static let wait = Setting(
        "wait", scope: .process, valueName: "duration", default: "5m", "How long to wait for another replica's issuance.")
    package static let force = Setting(
        "force", kind: .flag, scope: .process, "Ignore the backoff and the not-due check: issue now (ensure, renew).")
    package static let leaseDuration = Setting(
        "lease-duration", scope: .process, valueName: "duration", default: "60s", hidden: true,
        "How long a lease lasts without a heartbeat: the most a crashed issuer delays the fleet.")
    package static let certificates = Setting(
        "certificates", scope: .process, valueName: "file",
        "A YAML file of certificates to keep (keys: these flags' long names; 'domains' for --domain), instead of --domain.")
    package static let maxOrdersPerHour = Setting(
        "max-orders-per-hour", scope: .process, valueName: "n", default: "60",
        "The fleet's budget of new orders an hour, shared by every certificate and replica on the volume (Let's Encrypt allows 300 per 3 hours).")
    package static let logFormat = Setting("log-format", scope: .process, valueName: "format", default: "text", "text or json.")
    package static let logLevel = Setting(
        "log-level", scope: .process, valueName: "level", default: "info", "trace, debug, info, notice, warning, error or critical.")

    // MARK: - One certificate

    package static let domain = Setting(
        "domain", kind: .list, scope: .certificate, valueName: "name", environmentVariable: "SIDECERT_DOMAINS", fileKey: "domains",
        "A name on the certificate: DNS name, *. wildcard or IP address; repeatable.")
    package static let certName = Setting(
        "cert-name", scope: .certificate, valueName: "name", default: "the first domain, *. as _wildcard.", "The directory under live/.")
    package static let keyType = Setting(
        "key-type", kind: .list, scope: .certificate, valueName: "type", default: "ecdsa-p256",
        "ecdsa-p256, ecdsa-p384, rsa-2048, rsa-3072 or rsa-4096.")
    package static let requiredUsage = Setting(
        "required-usage", kind: .list, scope: .certificate, valueName: "usage", environmentVariable: "SIDECERT_REQUIRED_USAGES",
        "An extended key usage the certificate must have to count as usable (serverAuth, clientAuth); repeatable.")

    // MARK: - The CA

    package static let directory = Setting(
        "directory", scope: .certificate, valueName: "url",
        default: "Let's Encrypt, or the local CA when every name is internal like localhost, *.internal, *.home.arpa, private IPs",
        "The ACME directory URL, or 'internal' for the embedded local CA.")
    package static let staging = Setting("staging", kind: .flag, scope: .certificate, "Use Let's Encrypt's staging directory.")
    package static let caBundle = Setting(
        "ca-bundle", scope: .certificate, valueName: "file", "Extra trust roots (PEM) for the ACME server's HTTPS: a private CA, Pebble.")
    package static let email = Setting("email", scope: .certificate, valueName: "addr", "The ACME account's contact address.")
    package static let agreeTOS = Setting(
        "agree-tos", kind: .flag, scope: .certificate,
        "Agree to the CA's terms of service (the URL is in its directory); needed to create an account.")
    package static let eabKeyID = Setting(
        "eab-kid", scope: .certificate, valueName: "kid", "External account binding key ID (ZeroSSL, Google Trust Services, private CAs).")
    package static let eabHMACKey = Setting(
        "eab-hmac-key", scope: .certificate, valueName: "key", "External account binding HMAC key, base64url as the CA gives it.")
    package static let challenge = Setting(
        "challenge", scope: .certificate, valueName: "type", default: "http-01",
        "How to prove control: http-01, dns-01 (wildcards; no inbound port needed) with --dns-provider, or tls-alpn-01 (port 443 only) with --tls-alpn-listen."
    )
    package static let profile = Setting(
        "profile", scope: .certificate, valueName: "name", "The ACME profile (classic, tlsserver, shortlived, …) when the CA offers profiles.")

    // MARK: - DNS-01

    package static let dnsProvider = Setting(
        "dns-provider", scope: .certificate, valueName: "provider", "How DNS-01 records are written: rfc2136, pdns or exec.")
    package static let rfc2136Server = Setting(
        "rfc2136-server", scope: .certificate, valueName: "host[:port]", "The DNS server that takes the zone's dynamic updates (its primary).")
    package static let rfc2136TSIGKey = Setting(
        "rfc2136-tsig-key", scope: .certificate, valueName: "name", "The TSIG key's name, as the DNS server knows it.")
    package static let rfc2136TSIGAlgorithm = Setting(
        "rfc2136-tsig-algorithm", scope: .certificate, valueName: "algorithm", default: "hmac-sha256",
        "hmac-sha256, hmac-sha384, hmac-sha512, or hmac-sha1 for old servers.")
    package static let rfc2136TSIGSecret = Setting(
        "rfc2136-tsig-secret", scope: .certificate, valueName: "base64", "The TSIG key's secret, base64.")
    package static let rfc2136TSIGSecretFile = Setting(
        "rfc2136-tsig-secret-file", scope: .certificate, valueName: "file",
        "A file holding the TSIG secret (a Kubernetes Secret), instead of --rfc2136-tsig-secret.")
    package static let pdnsAPIURL = Setting(
        "pdns-api-url", scope: .certificate, valueName: "url", "The PowerDNS Authoritative HTTP API, e.g. http://pdns:8081.")
    package static let pdnsAPIKey = Setting("pdns-api-key", scope: .certificate, valueName: "key", "The PowerDNS API key.")
    package static let pdnsAPIKeyFile = Setting(
        "pdns-api-key-file", scope: .certificate, valueName: "file", "A file holding the PowerDNS API key, instead of --pdns-api-key.")
    package static let pdnsServerID = Setting(
        "pdns-server-id", scope: .certificate, valueName: "id", default: "localhost", "The PowerDNS server ID in API paths.")
    package static let dnsExecCommand = Setting(
        "dns-exec-command", scope: .certificate, valueName: "program",
        "A program run as PROGRAM present FQDN VALUE and PROGRAM cleanup FQDN VALUE (lego's exec convention), for any other DNS API.")
    package static let dnsResolver = Setting(
        "dns-resolver", scope: .certificate, valueName: "host:port", default: "the system resolver",
        "Where the zone and its servers are looked up (split horizon: a resolver that sees the zone).")
    package static let dnsPropagationTimeout = Setting(
        "dns-propagation-timeout", scope: .certificate, valueName: "duration", default: "2m",
        "How long to wait until every authoritative server serves the record.")

    // MARK: - Listeners

    package static let httpListen = Setting(
        "http-listen", scope: .process, valueName: "host:port", "Also answer HTTP-01 from this process on HOST:PORT (answers come from the volume).")
    package static let tlsALPNListen = Setting(
        "tls-alpn-listen", scope: .process, valueName: "host:port",
        "Answer TLS-ALPN-01 (the acme-tls/1 protocol) from this process on HOST:PORT (answers come from the volume).")
    package static let adminListen = Setting(
        "admin-listen", scope: .process, valueName: "host:port", "Serve /healthz, /readyz and /metrics (Prometheus) on HOST:PORT.")

    // MARK: - The daemon (`run`)

    package static let reloadSignal = Setting(
        "reload-signal", scope: .process, valueName: "signal", default: "HUP",
        "Signal the process in --reload-pidfile after each new version: HUP (nginx), USR2 (haproxy master), USR1.")
    package static let reloadPIDFile = Setting(
        "reload-pidfile", scope: .process, valueName: "file", "The frontend master's pid file, read at every reload (nginx: /run/nginx.pid).")
    package static let reloadCommand = Setting(
        "reload-command", scope: .process, valueName: "command",
        "Run this shell command after each new version; it sees SIDECERT_CERT_NAME, SIDECERT_LIVE_DIR, SIDECERT_VERSION and is killed after 60s.")
    package static let reloadHAProxySocket = Setting(
        "reload-haproxy-socket", scope: .process, valueName: "path",
        "Swap the certificate inside a running haproxy through its admin stats socket (set/commit ssl cert): no reload at all.")
    package static let bootstrapSelfSigned = Setting(
        "bootstrap-self-signed", kind: .flag, scope: .process,
        "With nothing on the volume yet, publish a short-lived self-signed placeholder so the frontend can start (and serve HTTP-01); never counted as usable."
    )
    package static let notifyCommand = Setting(
        "notify-command", scope: .process, valueName: "command",
        "Run this shell command on every failure and each renewal, with SIDECERT_EVENT, SIDECERT_CERT_NAME, SIDECERT_MESSAGE (and SIDECERT_SERIAL, SIDECERT_NOT_AFTER, SIDECERT_NEXT_ATTEMPT)."
    )
    package static let httpProbe = Setting(
        "http-probe", scope: .process, valueName: "url",
        "The frontend's port-80 address as this process reaches it (http://127.0.0.1:80): before an HTTP-01 order, wait until a probe "
            + "answer written to the volume is served there, so the CA never meets a frontend that cannot answer yet.")
    package static let frontendWait = Setting(
        "frontend-wait", scope: .process, valueName: "duration", default: "2m", hidden: true,
        "How long the first order waits for the frontend (--http-probe, a reload after the placeholder) before it goes anyway.")
    package static let watchInterval = Setting(
        "watch-interval", scope: .process, valueName: "duration", default: "5s",
        "How often to look for a version another replica published (one readlink; works on NFS).")

    // MARK: - `status`

    package static let json = Setting("json", kind: .flag, scope: .process, environmentVariable: nil, "Print JSON for machines.")
    package static let check = Setting(
        "check", kind: .flag, scope: .process, environmentVariable: nil,
        "Exit 1 unless at least one certificate is shown and every one shown is usable (placeholders are not): a container health check.")

    // MARK: - `remove`

    package static let deleteArchive = Setting(
        "delete-archive", kind: .flag, scope: .process, environmentVariable: nil,
        "Also delete archive/<name>: every certificate and key kept for the name (kept by default, so ensure can restore it).")

    // MARK: - `import`

    package static let importFrom = Setting(
        "from", scope: .process, valueName: "kind", environmentVariable: "SIDECERT_IMPORT_FROM", default: "files",
        "Where the certificates come from.")
    package static let importSource = Setting(
        "source", scope: .process, valueName: "source", environmentVariable: "SIDECERT_IMPORT_SOURCE",
        "certbot's config directory, lego's .lego directory (or its certificates/), or Traefik's acme.json.")
    package static let importCertificate = Setting(
        "cert", kind: .list, scope: .process, valueName: "file", environmentVariable: "SIDECERT_IMPORT_CERT",
        "The certificate (PEM); may hold the intermediates after the leaf. Repeat with --key for each further key type "
            + "(an RSA certificate beside an ECDSA one, same names): the first is the main one.")
    package static let importKey = Setting(
        "key", kind: .list, scope: .process, valueName: "file", environmentVariable: "SIDECERT_IMPORT_KEY",
        "Its private key (PEM: PKCS#8, SEC1 or PKCS#1); one per --cert, in the same order.")
    package static let importChain = Setting(
        "chain", kind: .list, scope: .process, valueName: "file", environmentVariable: "SIDECERT_IMPORT_CHAIN",
        "Intermediates (PEM), when --cert holds only the leaf; one per --cert, in the same order.")

    /// Every setting, in the order `--help` and the docs list them.
    package static let all: [Setting] = [
        storage, certificates, wait, force, leaseDuration, maxOrdersPerHour, logFormat, logLevel,
        domain, certName, keyType, requiredUsage,
        directory, staging, caBundle, email, agreeTOS, eabKeyID, eabHMACKey, challenge, profile,
        dnsProvider, rfc2136Server, rfc2136TSIGKey, rfc2136TSIGAlgorithm, rfc2136TSIGSecret, rfc2136TSIGSecretFile,
        pdnsAPIURL, pdnsAPIKey, pdnsAPIKeyFile, pdnsServerID, dnsExecCommand, dnsResolver, dnsPropagationTimeout,
        httpListen, tlsALPNListen, adminListen,
        reloadSignal, reloadPIDFile, reloadCommand, reloadHAProxySocket, bootstrapSelfSigned, httpProbe, frontendWait, notifyCommand, watchInterval,
        json, check, deleteArchive,
        importFrom, importSource, importCertificate, importKey, importChain,
    ]
}
