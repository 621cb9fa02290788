import Firewall

/// `show access-list` captures: parsing never fails.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShowAccessList(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { _, text in
        _ = AccessListHitCounts.parse(text, file: "fw.acl")
    }
}
