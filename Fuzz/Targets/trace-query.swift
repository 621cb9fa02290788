import Simulator

/// Trace query text (sender, labels, destination, protocol): a value or a one-line error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTraceQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { _, text in
        func check<T>(_ parse: () throws(TraceQuery.ParseError) -> T) {
            do { _ = try parse() } catch { Fuzz.require(Fuzz.isOneLine(error.description), "error not on one line: \(error)") }
        }
        check { () throws(TraceQuery.ParseError) in try TraceQuery.parseSender(text) }
        check { () throws(TraceQuery.ParseError) in try TraceQuery.parseLabels(text) }
        check { () throws(TraceQuery.ParseError) in try TraceQuery.parseDestination(text) }
        check { () throws(TraceQuery.ParseError) in try TraceQuery.parseProtocol(text) }
    }
}
