import LPM

extension AsaSyslogMessage {
    /// The firewall's `name A.B.C.D NAME` aliases (the `names` feature), which make the device log
    /// host names instead of addresses.
    public struct NameTable: Hashable, Sendable {
        /// Address by name.
        public var addresses: [String: IPAddress]

        /// A table of `addresses`.
        public init(_ addresses: [String: IPAddress] = [:]) {
            self.addresses = addresses
        }

        /// The `name` commands of a `show running-config` text (`name ADDRESS NAME [description …]`).
        public init(runningConfig text: String) {
            var addresses: [String: IPAddress] = [:]
            for line in text.split(whereSeparator: \.isNewline) {
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                guard words.count >= 3, words[0] == "name", let address = IPAddress(parsing: words[1]) else { continue }
                addresses[String(words[2])] = address
            }
            self.addresses = addresses
        }

        /// The address named `name`.
        public func address(named name: Substring) -> IPAddress? {
            addresses.isEmpty ? nil : addresses[String(name)]
        }
    }
}
