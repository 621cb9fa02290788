import Inventory

/// Calico selectors: a parsed selector's canonical form parses to the same selector; an error is
/// one line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSelector(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { _, text in
        do {
            let selector = try Selector(text)
            let again = try? Selector(selector.canonical)
            Fuzz.require(again?.canonical == selector.canonical, "canonical form \(selector.canonical) does not round-trip")
        } catch let error as SelectorParseError {
            Fuzz.require(Fuzz.isOneLine(error.description), "error is not one line: \(error.description)")
        } catch {
            Fuzz.require(false, "not a SelectorParseError: \(error)")
        }
    }
}
