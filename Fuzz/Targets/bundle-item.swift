import Inventory

/// Bundle files (Kubernetes YAML/JSON, AWS CLI JSON): loading never fails as a whole, every
/// diagnostic is one line naming the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundleItem(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { bytes, _ in
        let path = bytes.first.map { $0 & 1 == 0 ? "cluster/objects.yaml" : "aws/describe-addresses.json" } ?? "cluster/x.yaml"
        let loaded = BundleLoader.load(files: [BundleFile(path: path, contents: bytes)], source: .demo)
        for diagnostic in loaded.diagnostics {
            Fuzz.require(diagnostic.file == path && Fuzz.isOneLine(diagnostic.description),
                         "diagnostic not located on one line: \(diagnostic.description)")
        }
    }
}
