@testable import Console
import Inventory
import LPM
import Testing

/// Table rows are typed cells: each cell's text, role and sort key travel together.
@Suite struct TableCellTests {
    @Test func theUnreadyGatewayHasAnErrorReadyCellThatSortsAsANumber() throws {
        let table = GatewaysTable.model(Fixtures.demo, now: 1_795_608_000)
        let unready = try #require(table.rows.first { $0.key == "dlp-service-egw/dlp-service-egw-6d9f7c8b5-r8vtn" })
        let ready = unready.cells[5]
        #expect(ready == TableCell("NO", role: .error, sortKey: .number(0)))
        #expect(unready.cells[2].sortKey == .address(try IPAddress("10.0.41.58")))
        #expect(unready.cells.count == table.columns.count)
    }

    @Test func everyRowOfEveryTableHasOneCellPerColumn() {
        for table in [GatewaysTable.model(Fixtures.demo, now: 1_795_608_000), PoolsTable.model(Fixtures.demo, history: [:]),
                      ElasticIPsTable.model(Fixtures.demo),
                      PoliciesTable.model(Fixtures.demo)] {
            #expect(table.rows.allSatisfy { $0.cells.count == table.columns.count })
        }
    }
}
