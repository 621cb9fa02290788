import Console

/// Themes and the console settings file: a value or a located one-line error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThemeSettings(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { _, text in
        if case .failure(let error) = ThemeParser.parse(text, file: "t.yaml") {
            Fuzz.require(Fuzz.isOneLine(error.description), "theme error not on one line: \(error.description)")
        }
        if case .failure(let error) = ConsoleConfigFile.parse(text, path: "/c/config.yaml") {
            Fuzz.require(Fuzz.isOneLine(error.description), "settings error not on one line: \(error.description)")
        }
    }
}
