/// The zone apex of a name, and CNAME chains.
extension DNSZoneDiscovery {
    /// The apex of the zone holding `name`: asks the resolver for SOA at `name`, then at each parent,
    /// until an SOA owner is found, in the answer (the name is an apex) or in the authority section
    /// (a negative answer carries its zone's SOA).
    package func findZone(for name: DNSName) async throws -> DNSName {
        var candidate = name
        while !candidate.isRoot {
            let response = try await client.query(candidate, type: .soa, at: resolver)
            if response.answers.contains(where: { $0.type == .soa && $0.name == candidate }) {
                return candidate
            }
            // After a CNAME, an SOA belongs to the target's zone, not to this name's: go on upwards.
            let isAlias = response.answers.contains { $0.type == .cname && $0.name == candidate }
            if !isAlias, let apex = response.authorities.first(where: { $0.type == .soa && candidate.isSubdomain(of: $0.name) }) {
                return apex.name
            }
            candidate = candidate.parent ?? .root
        }
        throw DNSError(
            code: .zoneNotFound,
            message: "no zone holding '\(name)' was found: the resolver \(resolver) knows no SOA for it or any parent below the root"
        )
    }

    /// The name a CNAME chain starting at `name` ends at (`name` itself when it is no alias): where a
    /// record meant for `name` must be written when the name is delegated that way.
    package func followCNAMEs(from name: DNSName) async throws -> DNSName {
        var current = name
        var seen: Set<DNSName> = [name]
        while true {
            let response = try await client.query(current, type: .cname, at: resolver)
            guard case .cname(let target)? = response.answers.first(where: { $0.type == .cname && $0.name == current })?.data else {
                return current
            }
            guard seen.count <= maximumCNAMEChain, seen.insert(target).inserted else {
                throw DNSError(
                    code: .cnameChainTooLong,
                    message: "the CNAME chain from '\(name)' loops or is longer than \(maximumCNAMEChain) (it reached '\(target)')"
                )
            }
            current = target
        }
    }
}
