@testable import Console
import Inventory
import Testing

/// Filter, sort, drill-down, navigation and mouse, driven through the off-screen console.
@Suite("Interaction")
struct InteractionTests {
    /// The frame's text.
    static func screen(_ console: OffscreenConsole) -> String { console.render().text }

    /// The row (screen line) that contains `text`.
    static func line(containing text: String, in grid: CellGrid) -> Int? {
        (0..<grid.height).first { grid.line($0).contains(text) }
    }

    @Test func filterKeepsMatchingRowsAndTheirGroup() {
        var console = Fixtures.console()
        console.type("/mainframe")
        let text = Self.screen(console)
        #expect(text.contains("filter: mainframe (2 of 7)"))
        #expect(text.contains("▾ corp-mainframe-egw / corp-mainframe-egw"))
        #expect(!text.contains("dlp-service-egw-6d9f7c8b5"))
        #expect(text.contains("/mainframe"))
    }

    @Test func filterWordsAllMustMatchAndCaseIsIgnored() {
        var console = Fixtures.console()
        console.type("/DLP 1b\n")
        let text = Self.screen(console)
        #expect(text.contains("filter: DLP 1b (1 of 7)"))
        #expect(text.contains("dlp-service-egw-6d9f7c8b5-m2p7w"))
    }

    @Test func labelFilterSelectsByPodLabels() {
        var console = Fixtures.console()
        console.type("/-l k8s-app=corp-database-egw\n")
        #expect(Self.screen(console).contains("(2 of 7)"))
        console.send(.escape)
        console.type("/-l k8s-app=nothing\n")
        #expect(Self.screen(console).contains("No row matches the filter '-l k8s-app=nothing'. Esc clears it."))
    }

    @Test func labelFilterOnAViewWithoutLabelsSaysItIsIgnored() {
        var console = Fixtures.console()
        console.type("2/-l a=b")
        #expect(console.message == "-l label filters apply to pod views (Gateways); ignored here")
        #expect(Self.screen(console).contains("(7 of 7)"))
    }

    @Test func escapeClearsTheFilterAndEnterKeepsIt() {
        var console = Fixtures.console()
        console.type("/dlp\n")
        #expect(Self.screen(console).contains("filter: dlp"))
        console.send(.escape)
        #expect(!Self.screen(console).contains("filter:"))
        console.type("/xyz")
        console.send(.escape)
        #expect(!Self.screen(console).contains("filter:"))
    }

    @Test func sortCyclesThroughVisibleColumnsAndReverses() {
        var console = Fixtures.console()
        console.type("2s")
        #expect(Self.screen(console).contains("sort: NAME ▲"))
        console.type("s")
        #expect(Self.screen(console).contains("sort: CIDR ▲"))
        console.type("S")
        let grid = console.render()
        #expect(grid.text.contains("sort: CIDR ▼"))
        // Descending CIDR: 192.168.0.0/16 first, 10.0.30.0/24 last.
        let first = Self.line(containing: "192.168.0.0/16", in: grid)!
        let last = Self.line(containing: "10.0.30.0/24", in: grid)!
        #expect(first < last)
        console.type("<")
        #expect(Self.screen(console).contains("sort: NAME ▼"))
        console.type("<")
        #expect(!Self.screen(console).contains("sort:"))
    }

    @Test func sortingByUtilizationOrdersNumerically() {
        var console = Fixtures.console()
        console.type("2ssss")
        let grid = console.render()
        #expect(grid.text.contains("sort: UTILIZATION ▲"))
        let lowest = Self.line(containing: "default-ipv4-ippool", in: grid)!
        let highest = Self.line(containing: "dlp-use1a", in: grid)!
        #expect(lowest < highest)
    }

    @Test func movingAndDrillingDownFollowsTheSelection() {
        var console = Fixtures.console()
        console.type("jjjj")
        console.send(.enter)
        #expect(Self.screen(console).contains("Gateways › dlp-service-egw-6d9f7c8b5-4xkqz"))
        console.send(.end)
        console.send(.home)
        console.send(.backspace)
        #expect(Self.screen(console).contains("Gateways (7)"))
        #expect(Self.screen(console).contains("5/7"))
        console.send(.end)
        #expect(Self.screen(console).contains("7/7"))
        console.send(.pageUp)
        #expect(Self.screen(console).contains("1/7"))
        console.send(.pageDown)
        #expect(Self.screen(console).contains("7/7"))
    }

    @Test func gatewayDrillDownShowsPoolENIElasticIPAndRules() {
        var console = Fixtures.console()
        console.type("jjjj\n")
        let text = Self.screen(console)
        #expect(text.contains("Pool              dlp-use1a"))
        #expect(text.contains("ENI               eni-0510b72d69e7aab6c"))
        #expect(text.contains("Elastic IP        203.0.113.10"))
        #expect(text.contains("Cisco-Secure-Firewall #0  103.47.244.0/24"))
    }

    @Test func linksLeadFromGatewayToPoolAndBack() {
        var console = Fixtures.console()
        console.type("jjjj\n\n")
        let text = Self.screen(console)
        #expect(text.contains("Gateways › dlp-service-egw-6d9f7c8b5-4xkqz › dlp-use1a"))
        #expect(text.contains("Blocks (2)"))
        console.send(.escape)
        console.send(.escape)
        #expect(Self.screen(console).contains("Gateways (7)"))
    }

    @Test func elasticIPDrillDownLeadsToItsGateway() {
        var console = Fixtures.console()
        console.type("3jjj\n")
        #expect(Self.screen(console).contains("Elastic IPs › 203.0.113.10"))
        console.send(.enter)
        #expect(Self.screen(console).contains("› dlp-service-egw-6d9f7c8b5-4xkqz"))
    }

    @Test func enterOnARuleListsItsGateways() {
        var console = Fixtures.console()
        console.type("4j\n")
        let text = Self.screen(console)
        #expect(text.contains("Policies › Cisco-Secure-Firewall #1"))
        #expect(text.contains("Gateways (2/2 ready)"))
        #expect(text.contains("corp-mainframe-egw/corp-mainframe-egw-7b4d6f9c8-hq5ld"))
    }

    @Test func numberKeysAndViewCommandsSwitchViews() {
        var console = Fixtures.console()
        for (keys, view) in [("2", ViewID.pools), ("3", .elasticIPs), ("4", .policies), ("1", .gateways),
                             (":pools\n", .pools), (":eips\n", .elasticIPs), (":pol\n", .policies), (":gw\n", .gateways)] {
            console.type(keys)
            #expect(console.currentView == view, "after \(keys)")
        }
    }

    @Test func quitKeysAndCommand() {
        for keys: [ConsoleEvent] in [[.key(.character("q"))], [.key(.control("c"))], ConsoleEvent.typing(":q\n"),
                                     ConsoleEvent.typing(":quit\n")] {
            var console = Fixtures.console()
            for event in keys { console.send(event) }
            #expect(console.isFinished)
        }
    }

    @Test func helpOverlayListsEveryKeyAndClosesOnAnyKey() {
        var console = Fixtures.console(width: 160, height: 48)
        console.type("?")
        let text = Self.screen(console)
        for binding in KeyBindings.sections.flatMap(\.bindings) {
            #expect(text.contains(binding.keys), "\(binding.keys)")
        }
        console.type("x")
        #expect(!Self.screen(console).contains("any key closes"))
        #expect(!console.isFinished)
    }

    @Test func newSnapshotKeepsTheSelectedRow() {
        var console = Fixtures.console()
        console.type("jjj")
        console.publish(Fixtures.demo)
        console.send(.enter)
        #expect(Self.screen(console).contains("Gateways › corp-mainframe-egw-7b4d6f9c8-t9wzs"))
    }

    @Test func resizeBelowMinimumShowsTooSmallAndBackRestores() {
        var console = Fixtures.console()
        console.resize(width: 79, height: 24)
        #expect(Self.screen(console).contains("Terminal too small: 79x24"))
        console.resize(width: 80, height: 24)
        #expect(Self.screen(console).contains("Gateways (7)"))
    }

    @Test func selectionStaysVisibleAfterShrinking() {
        var console = Fixtures.console(width: 160, height: 48)
        console.send(.end)
        console.resize(width: 80, height: 24)
        #expect(Self.screen(console).contains("dlp-service-egw-6d9f7c8b5-r8vtn"))
    }

    @Test func mouseWheelClickAndHeaderClick() {
        var console = Fixtures.console()
        console.send(.mouse(MouseEvent(.wheelDown, column: 10, row: 10)))
        #expect(Self.screen(console).contains("4/7"))
        console.send(.mouse(MouseEvent(.wheelUp, column: 10, row: 10)))
        #expect(Self.screen(console).contains("1/7"))
        // Row 5 is the first gateway; a click selects, a second click opens.
        let grid = console.render()
        let row = Self.line(containing: "corp-mainframe-egw-7b4d6f9c8-t9wzs", in: grid)!
        console.send(.mouse(MouseEvent(.click, column: 5, row: row)))
        #expect(Self.screen(console).contains("4/7"))
        console.send(.mouse(MouseEvent(.click, column: 5, row: row)))
        #expect(Self.screen(console).contains("Gateways › corp-mainframe-egw-7b4d6f9c8-t9wzs"))
        console.send(.escape)
        // A click on the IP title sorts by IP; again reverses.
        let header = console.render().line(3)
        let column = header.distance(from: header.startIndex, to: header.range(of: "IP ")!.lowerBound)
        console.send(.mouse(MouseEvent(.click, column: column, row: 3)))
        #expect(Self.screen(console).contains("sort: IP ▲"))
        console.send(.mouse(MouseEvent(.click, column: column, row: 3)))
        #expect(Self.screen(console).contains("sort: IP ▼"))
        // A click on a tab switches view.
        let tabs = console.render().line(1)
        let pools = tabs.distance(from: tabs.startIndex, to: tabs.range(of: "2 Pools")!.lowerBound)
        console.send(.mouse(MouseEvent(.click, column: pools, row: 1)))
        #expect(console.currentView == .pools)
    }

    @Test func staleStatusIsShownInTheHeader() {
        var console = Fixtures.console(width: 160, height: 48)
        #expect(!Self.screen(console).contains("STALE"))
        console.publish(Fixtures.demo, status: .failing(.aws, "timeout"))
        #expect(Self.screen(console).contains("STALE: aws: timeout"))
        #expect(console.render().line(0).contains("gateways 6/7 ready"))
    }

    @Test func dataAgeFollowsTheClock() {
        var console = Fixtures.console()
        console.now += 125
        #expect(Self.screen(console).contains("data 2m ago"))
    }
}
