import Foundation
import Inventory
@testable import Kube

/// Watch-event lines: split like a watch stream, each decoded as a Pod event or refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWatchEvent(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { bytes, _ in
        var splitter = LineSplitter()
        splitter.maxLineBytes = 1 << 16
        let decoder = JSONDecoder()
        for line in splitter.push(bytes) + splitter.push([10]) {
            _ = try? decoder.decode(WatchEvent<Pod>.self, from: Data(line))
        }
    }
}
