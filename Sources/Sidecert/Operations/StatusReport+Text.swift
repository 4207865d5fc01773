import SidecertVolume

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StatusReport {
    /// `20 certificates: 18 usable (2 due for renewal), 1 failing, 2 waiting on the order budget until …`.
    var summaryLine: String {
        var parts = ["\(summary.usable) usable" + (summary.due > 0 ? " (\(summary.due) due for renewal)" : "")]
        if summary.failing > 0 { parts.append("\(summary.failing) failing") }
        if summary.waitingOnBudget > 0 {
            let end = summary.budgetQueueEnds.map { " until about \($0.formatted(.iso8601))" } ?? ""
            parts.append("\(summary.waitingOnBudget) waiting on the order budget\(end)")
        }
        return "\(summary.certificates) certificate\(summary.certificates == 1 ? "" : "s"): \(parts.joined(separator: ", "))"
    }

    /// For machines: `status --json`. Dates are ISO 8601.
    package func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// For people: the counts, then one block per certificate.
    package func text() -> String {
        guard !certificates.isEmpty else { return "no certificates on \(storage)\n" }
        var lines: [String] = [summaryLine]
        for certificate in certificates {
            lines.append("\(certificate.certName): \(certificate.usable ? "usable" : "NOT usable")\(certificate.placeholder ? " (placeholder)" : "")")
            if !certificate.names.isEmpty { lines.append("  names:        \(certificate.names.joined(separator: ", "))") }
            if let serial = certificate.serial { lines.append("  serial:       \(serial)") }
            if let issuer = certificate.issuer { lines.append("  issuer:       \(issuer)") }
            if certificate.credentials.count > 1 {
                for credential in certificate.credentials {
                    lines.append(
                        "  key:          \(credential.keyType) (serial \(credential.serial), valid until \(credential.notAfter.formatted(.iso8601)))")
                }
            } else if let keyType = certificate.keyType {
                lines.append("  key:          \(keyType)")
            }
            if let from = certificate.notBefore, let until = certificate.notAfter {
                lines.append("  valid:        \(from.formatted(.iso8601)) – \(until.formatted(.iso8601))")
            }
            if let due = certificate.renewalDue { lines.append("  renewal due:  \(due.formatted(.iso8601))") }
            if let next = certificate.keyTypeAtRenewal, let current = certificate.keyType {
                let when = certificate.renewalDue.map { " at its renewal (\($0.formatted(.iso8601)))" } ?? " at its renewal"
                lines.append(
                    "  key type:     \(current), not the \(next) asked for: it serves until it becomes \(next)\(when); "
                        + "`sidecert renew --force --key-type \(next)` changes it now")
            }
            if certificate.serial != nil {
                lines.append(
                    "  key usages:   \(certificate.extendedKeyUsages.isEmpty ? "none" : certificate.extendedKeyUsages.joined(separator: ", "))")
            }
            for problem in certificate.problems { lines.append("  problem:      \(problem)") }
            if let lease = certificate.lease {
                if lease.released {
                    lines.append("  lease:        free (last held by \(lease.holder))")
                } else {
                    let state = lease.expired ? "expired at" : "until"
                    lines.append("  lease:        held by \(lease.holder) \(state) \(lease.expiresAt.formatted(.iso8601))")
                }
            }
            let ledger = certificate.ledger
            if let next = ledger.nextAttemptAllowed {
                // After failures, the backoff is the reason and "last failure" says why; otherwise a limit is.
                let why =
                    ledger.consecutiveFailures > 0
                    ? "after \(ledger.consecutiveFailures) failed attempt(s)" : (ledger.nextAttemptReason ?? "the ledger's limits")
                lines.append("  next order:   not before \(next.formatted(.iso8601)), \(why)")
            }
            if let problem = ledger.lastProblem { lines.append("  last failure: \(problem)") }
            if let restoration = ledger.lastRestoration {
                lines.append(
                    "  restored:     \(restoration.version) from the archive at \(restoration.time.formatted(.iso8601)), no order (\(restoration.why))"
                )
            }
            lines.append("  issued (7d):  \(ledger.issuedInLast7Days)")
        }
        if !strayLeaseFiles.isEmpty {
            lines.append("stray files in leases/: \(strayLeaseFiles.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
