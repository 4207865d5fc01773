import ArgumentParser
import Sidecert

/// Where and how to get a certificate when the volume has no usable one, and how long to wait for another
/// replica getting it.
struct IssuanceOptions: SettingFlags {
    @Option(name: .setting(.directory), help: .setting(.directory))
    var directory: String?

    @Flag(name: .setting(.staging), help: .setting(.staging))
    var staging = false

    @Option(name: .setting(.caBundle), help: .setting(.caBundle))
    var caBundle: String?

    @Option(name: .setting(.email), help: .setting(.email))
    var email: String?

    @Flag(name: .setting(.agreeTOS), help: .setting(.agreeTOS))
    var agreeTOS = false

    @Option(name: .setting(.eabKeyID), help: .setting(.eabKeyID))
    var eabKeyID: String?

    @Option(name: .setting(.eabHMACKey), help: .setting(.eabHMACKey))
    var eabHMACKey: String?

    @Option(name: .setting(.challenge), help: .setting(.challenge))
    var challenge: String?

    @Option(name: .setting(.httpListen), help: .setting(.httpListen))
    var httpListen: String?

    @Option(name: .setting(.tlsALPNListen), help: .setting(.tlsALPNListen))
    var tlsALPNListen: String?

    @Option(name: .setting(.profile), help: .setting(.profile))
    var profile: String?

    @Option(name: .setting(.wait), help: .setting(.wait))
    var wait: String?

    @Option(name: .setting(.leaseDuration), help: .setting(.leaseDuration))
    var leaseDuration: String?

    @Option(name: .setting(.maxOrdersPerHour), help: .setting(.maxOrdersPerHour))
    var maxOrdersPerHour: String?

    static let fields: [SettingField<IssuanceOptions>] = [
        .value(.directory, \.directory),
        .flag(.staging, \.staging),
        .value(.caBundle, \.caBundle),
        .value(.email, \.email),
        .flag(.agreeTOS, \.agreeTOS),
        .value(.eabKeyID, \.eabKeyID),
        .value(.eabHMACKey, \.eabHMACKey),
        .value(.challenge, \.challenge),
        .value(.httpListen, \.httpListen),
        .value(.tlsALPNListen, \.tlsALPNListen),
        .value(.profile, \.profile),
        .value(.wait, \.wait),
        .value(.leaseDuration, \.leaseDuration),
        .value(.maxOrdersPerHour, \.maxOrdersPerHour),
    ]
}

/// `--force`: only the one-shot commands take it (`run` would order at every restart of a crash loop).
struct ForceOption: SettingFlags {
    @Flag(name: .setting(.force), help: .setting(.force))
    var force = false

    static let fields: [SettingField<ForceOption>] = [
        .flag(.force, \.force)
    ]
}
