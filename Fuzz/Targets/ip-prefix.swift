import LPM

/// IP address and prefix text: a parsed value prints as text that parses back to it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIPPrefix(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { _, text in
        if let address = IPAddress(parsing: text) {
            Fuzz.require(IPAddress(parsing: address.description) == address, "address \(address) does not round-trip")
        }
        if let prefix = try? IPPrefix(text) {
            Fuzz.require((try? IPPrefix(prefix.description)) == prefix, "prefix \(prefix) does not round-trip")
        }
        if let (prefix, _) = try? IPPrefix.parseLenient(text) {
            Fuzz.require((try? IPPrefix(prefix.description)) == prefix, "lenient prefix \(prefix) does not round-trip")
        }
    }
}
