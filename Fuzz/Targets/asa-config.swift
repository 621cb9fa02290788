import Firewall

/// ASA/FTD running-config: parsing never fails; each diagnostic is one line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzASAConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { _, text in
        let config = FirewallConfig.parse(text)
        for diagnostic in config.diagnostics {
            Fuzz.require(Fuzz.isOneLine(diagnostic.description), "diagnostic not on one line: \(diagnostic.description)")
        }
        _ = config.orderedAccessLists
    }
}
