import Console
import Inventory
import Testing

/// Every view rendered at 80×24 and 160×48 against golden text files.
@Suite("Golden renders")
struct GoldenRenderTests {
    static let views: [(key: String, name: String)] = [("1", "gateways"), ("2", "pools"), ("3", "eips"), ("4", "policies")]
    static let sizes: [(width: Int, height: Int)] = [(80, 24), (160, 48)]

    @Test("each view at 80x24 and 160x48", arguments: views.map(\.name), [0, 1])
    func viewMatchesGolden(view: String, sizeIndex: Int) {
        let size = Self.sizes[sizeIndex]
        var console = Fixtures.console(width: size.width, height: size.height)
        console.type(Self.views.first { $0.name == view }!.key)
        Golden.check(console.render().text, "\(view)-\(size.width)x\(size.height)")
    }

    @Test("drill-down pages at 80x24", arguments: [
        ("gateway", "1j\n"), ("pool", "2\n"), ("eip", "3\n"), ("rule", "4\n"), ("gateway-from-rule", "4\n\n"),
    ])
    func detailMatchesGolden(name: String, keys: String) {
        var console = Fixtures.console()
        console.type(keys)
        Golden.check(console.render().text, "detail-\(name)-80x24")
    }

    @Test func helpOverlayAt80x24() {
        var console = Fixtures.console()
        console.type("?")
        Golden.check(console.render().text, "help-80x24")
    }

    @Test func tooSmallMessage() {
        let console = Fixtures.console(width: 60, height: 20)
        Golden.check(console.render().text, "too-small-60x20")
    }

    @Test func asciiFallbackAt80x24() {
        var console = Fixtures.console(asciiOnly: true)
        console.type("2")
        Golden.check(console.render().text, "pools-ascii-80x24")
    }

    @Test func poolsWithSparklinesAt160x48() {
        let history = Dictionary(uniqueKeysWithValues: Fixtures.demo.pools.map { usage in
            (usage.pool.name, (0..<12).map { Double($0 % 5) / 10 + usage.utilization })
        })
        var console = Fixtures.console(width: 160, height: 48, history: history)
        console.type("2")
        Golden.check(console.render().text, "pools-sparkline-160x48")
    }

    @Test func staleHeaderAndFilterAt80x24() {
        var console = Fixtures.console(status: .failing(.kube, "connection refused"))
        console.type("/dlp")
        Golden.check(console.render().text, "filter-stale-80x24")
    }

    @Test func commandCompletionAt80x24() {
        var console = Fixtures.console()
        console.type(":p")
        Golden.check(console.render().text, "command-completion-80x24")
    }
}
