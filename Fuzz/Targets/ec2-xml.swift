@testable import EC2

/// EC2 Query API XML: the reader and every page decoder return a value or an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEC2XML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { bytes, _ in
        _ = EC2ResponseDecoder.error(body: bytes, status: 400, operation: "DescribeVpcs")
        guard let root = try? EC2ResponseDecoder.root(bytes, operation: "DescribeVpcs") else { return }
        _ = try? EC2ResponseDecoder.vpcs(root)
        _ = try? EC2ResponseDecoder.subnets(root)
        _ = try? EC2ResponseDecoder.addresses(root)
        _ = try? EC2ResponseDecoder.networkInterfaces(root)
        _ = try? EC2ResponseDecoder.instances(root)
    }
}
