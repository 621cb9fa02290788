@testable import Inventory
import Testing

/// The journal's compact encoding writes strings exactly as `JSONString.quote` does.
@Suite struct CompactEncodingTests {
    @Test(arguments: ["plain", "", "quote \" and backslash \\", "tab\tnew\nline\r", "bell \u{07} del \u{7f}",
                      "c1 \u{85}", "bidi \u{202e}abc\u{2066}", "é 日本 🚀"])
    func stringsAreQuotedAsJSONStringQuotesThem(_ text: String) {
        var expected = ""
        JSONString.quote(text, into: &expected)
        #expect(JSONValue.string(text).compactBytes == Array(expected.utf8))
    }

    @Test func valuesRenderAsTheIndentedFormWithoutTheWhitespace() {
        let value = JSONValue.object([("a", .integer(-3)), ("b", .array([.bool(true), .null, .number(2.5), .number(4)])),
                                       ("c", .wideInteger("18446744073709551615"))])
        #expect(String(decoding: value.compactBytes, as: UTF8.self) == value.rendered(indent: nil))
    }
}
