import Traffic

/// VPC Flow Log lines, fed in two chunks: problems are located one-liners.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlowLog(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { bytes, _ in
        var parser = FlowLogParser(file: "flows.log")
        let split = bytes.count / 2
        parser.feed(Array(bytes[..<split])) { _ in }
        parser.feed(Array(bytes[split...])) { _ in }
        parser.finish { _ in }
        for problem in parser.problems {
            Fuzz.require(Fuzz.isOneLine(problem.description), "problem not on one line: \(problem.description)")
        }
    }
}
