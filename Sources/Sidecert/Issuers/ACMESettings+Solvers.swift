import Logging
import SidecertACME
import SidecertChallenges
import SidecertDNS
import SidecertVolume

extension ACMESettings {
    /// The solver that answers this configuration's challenge type for certificates on the volume at `layout`.
    func makeSolver(layout: VolumeLayout, logger: Logger) throws -> any ChallengeSolver {
        switch challenge {
        case .http01:
            return VolumeHTTP01Solver(challenges: ChallengeDirectory(layout: layout), logger: logger)
        case .tlsALPN01:
            return VolumeTLSALPN01Solver(challenges: TLSALPNChallengeDirectory(layout: layout), logger: logger)
        case .dns01:
            guard let dns else { throw SidecertError.badInput("--challenge dns-01 needs --dns-provider") }
            return try dns.makeSolver(logger: logger)
        }
    }
}

extension DNSChallengeSettings {
    /// The DNS-01 solver: the provider's writer, and discovery through the configured resolver.
    func makeSolver(logger: Logger) throws -> DNS01Solver {
        let client = DNSClient(logger: logger)
        let discovery = try DNSZoneDiscovery.using(client: client, resolver: resolver)
        let writer: any DNSRecordWriter =
            switch provider {
            case .rfc2136(let server, let key): RFC2136RecordWriter(server: server, key: key, client: client)
            case .powerDNS(let apiURL, let apiKey, let serverID): PowerDNSRecordWriter(apiURL: apiURL, apiKey: apiKey, serverID: serverID)
            case .exec(let program): ExecRecordWriter(program: program, logger: logger)
            }
        return DNS01Solver(writer: writer, discovery: discovery, propagationTimeout: propagationTimeout, logger: logger)
    }
}

extension SidecertError {
    /// What a DNS failure means for the user: a provider that refuses the configured credentials is
    /// configuration (exit 2); a server that does not answer, or records that do not propagate in time, is
    /// worth trying again later (exit 75).
    init(dnsError error: DNSError, while doing: String) {
        switch error.code {
        case .tsigUnknownKey, .tsigBadSignature, .tsigRejected:
            self = .badInput(
                "\(doing): \(error.message)",
                hint: "check --rfc2136-tsig-key, --rfc2136-tsig-algorithm and the secret against the DNS server's configuration")
        case .accessRefused:
            self = .badInput("\(doing): \(error.message)", hint: "check --pdns-api-key (or its file) against api-key in the PowerDNS configuration")
        case .tsigBadTime:
            self = .badInput("\(doing): \(error.message)", hint: "synchronise this host's clock (NTP)")
        case .serverRejected where [.refused, .notAuthoritative, .notZone].contains(error.responseCode):
            self = .badInput(
                "\(doing): \(error.message)", hint: "check that --rfc2136-server is the zone's primary and allows updates with this key")
        case .timedOut, .connectionFailed:
            self = .tryLater(
                "\(doing): \(error.message)", hint: "check that the DNS server (--rfc2136-server, --pdns-api-url, --dns-resolver) is up and reachable"
            )
        case .propagationTimedOut:
            self = .tryLater("\(doing): \(error.message)", hint: "a secondary may be slow to transfer the zone; raise --dns-propagation-timeout")
        case .zoneNotFound, .cnameChainTooLong, .noAuthoritativeServers:
            self = .badInput(
                "\(doing): \(error.message)",
                hint: "check the names and --dns-resolver (it must see the zone); with pdns, that the zone is on that server (--pdns-server-id)")
        default:
            self = .failure("\(doing): \(error.message)")
        }
        underlyingError = error
    }
}
