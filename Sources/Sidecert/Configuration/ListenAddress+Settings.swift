import SidecertHTTPServer

extension ListenAddress {
    /// Parses `HOST:PORT` from a setting; the error names `source`.
    package init(parsing text: String, source: SettingOrigin) throws(SidecertError) {
        guard let address = ListenAddress(text: text) else {
            throw .badInput("\(source.quoting(text)) is not HOST:PORT", hint: "for example 0.0.0.0:80 or [::]:80")
        }
        self = address
    }
}
