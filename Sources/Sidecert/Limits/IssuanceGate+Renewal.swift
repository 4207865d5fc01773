import SidecertVolume

extension IssuanceGate.Renewal {
    /// The renewal of `installed`; an order to an ACME CA names an ACME certificate in `replaces`.
    package init(_ installed: InstalledCertificate, orderedFromACME: Bool) {
        self.init(
            serial: installed.serialHex, notBefore: installed.notBefore, notAfter: installed.notAfter,
            sendsReplaces: orderedFromACME && installed.issuerKind == .acme)
    }

    /// The renewal of `installed` by `issuer`.
    package init(_ installed: InstalledCertificate, issuer: IssuerChoice) {
        self.init(installed, orderedFromACME: issuer.directoryURL != nil)
    }
}
