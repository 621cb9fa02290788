@testable import Console
import Testing

/// How table columns share the width.
@Suite("Column layout")
struct ColumnLayoutTests {
    static func titles(_ view: ViewID, width: Int) -> [String] {
        var model = ConsoleModel(ModelInputs(snapshot: Fixtures.demo, utilizationHistory: [:], now: 1_795_608_000),
                                 generation: 0)
        model.prepare(view)
        let table = model.tables[view]!
        return ColumnLayout(model: table, width: width).columns.map { table.columns[$0.index].title + ":\($0.width)" }
    }

    @Test func gatewaysAt80KeepNameWholeAndShowPoolAndElasticIP() {
        let columns = Self.titles(.gateways, width: 78)
        print(columns)
        #expect(columns.contains("NAME:34"))
        #expect(columns.contains { $0.hasPrefix("POOL") })
        #expect(columns.contains { $0.hasPrefix("ELASTIC IP") })
    }
}
