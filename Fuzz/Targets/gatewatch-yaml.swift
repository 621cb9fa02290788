import Inventory

/// gatewatch.yaml: a value or located one-line diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGatewatchYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { bytes, _ in
        let loaded = BundleLoader.load(files: [BundleFile(path: "gatewatch.yaml", contents: bytes)], source: .demo)
        for diagnostic in loaded.diagnostics {
            Fuzz.require(Fuzz.isOneLine(diagnostic.description), "diagnostic not on one line: \(diagnostic.description)")
        }
    }
}
