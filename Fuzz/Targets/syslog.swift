import Firewall
import Traffic

/// ASA/FTD syslog lines: each line is a message or a refusal; problems are located one-liners.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyslog(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { bytes, text in
        _ = AsaSyslogMessage.parseResult(text)
        let summary = SyslogReader.read(bytes, file: "fw.log", referenceYear: 2026) { _, _ in }
        for problem in summary.problems {
            Fuzz.require(Fuzz.isOneLine(problem.description), "problem not on one line: \(problem.description)")
        }
    }
}
