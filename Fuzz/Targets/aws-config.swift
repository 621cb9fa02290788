import EC2

/// AWS shared config and credentials files: parsing never fails.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAWSConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { bytes, text in
        let split = bytes.firstIndex(of: 0) ?? bytes.count
        let config = String(decoding: bytes[..<split], as: UTF8.self)
        let credentials = split < bytes.count ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : text
        _ = SharedConfigFiles(configText: config, credentialsText: credentials)
    }
}
