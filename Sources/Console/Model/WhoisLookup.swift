import Firewall
import History
import Inventory
import LPM
import Simulator

/// A whois as the Whois view shows it: what was typed (an IP, or a whole ASA syslog line whose
/// source address is looked up) and the reverse lookup as a page with links to the gateway, its
/// Elastic IP and the rules that send traffic through it.
internal struct WhoisLookup: Hashable, Sendable {
    /// What was typed.
    internal var input: String
    /// The page: the answer, or why there is none.
    internal var page: DetailPage

    /// Looks `input` up with `simulator` (in its Snapshot).
    internal init(input: String, simulator: SimulatorCache) {
        let snapshot = simulator.snapshot
        self.input = input
        let text = input.trimmingSpaces
        var page = DetailPage(title: text)
        if text.isEmpty {
            page.text("Type an IP address (10.0.41.20) or paste an ASA syslog line, then Enter.", role: .muted)
            self.page = page
            return
        }
        let address: IPAddress
        if let ip = IPAddress(parsing: text) {
            address = ip
        } else if let message = AsaSyslogMessage.parse(text), let source = message.source?.address {
            address = source
            page.section("Syslog %\(message.product)-\(message.severity)-\(message.messageID)")
            page.field("Protocol", message.protocolName)
            page.field("Source", message.source?.description)
            page.field("Destination", message.destination?.description)
            if let list = message.accessList { page.field("Access list", list) }
        } else {
            page.text("'\(text)' is neither an IP address nor an ASA connection or deny syslog line "
                      + "(%ASA-…-106023, 302013, …) with a source address.", role: .error)
            self.page = page
            return
        }
        let result = simulator.reverseLookup.whois(address)
        Self.describe(result, snapshot: snapshot, into: &page)
        if let timeline = simulator.timeline {
            Self.describe(timeline.owners(of: address), of: address, snapshot: snapshot, into: &page)
        }
        self.page = page
    }

    /// The address's owners over time (from the journal), oldest first; a pod still in the
    /// Snapshot is a link.
    private static func describe(_ owners: [AddressOwnership], of address: IPAddress, snapshot: Snapshot,
                                 into page: inout DetailPage) {
        page.section("Owners of \(address) over time (journal, a day either side)")
        guard !owners.isEmpty else {
            page.text("The journal has no owner of \(address) in that span.", role: .muted)
            return
        }
        for owner in owners {
            let span = "  \(EventsTable.timestamp(owner.from.timeIntervalSince1970)) to "
                + (owner.to.map { EventsTable.timestamp($0.timeIntervalSince1970) } ?? "now                ")
            let link: DetailTarget?
            switch owner.kind {
            case .pod, .egressGateway:
                link = snapshot.podsByQualifiedName[owner.owner] != nil ? .pod(owner.owner) : nil
            case .elasticIP:
                link = snapshot.elasticIPsByPublicIP[address] != nil ? .elasticIP(address.description) : nil
            default:
                link = nil
            }
            page.line([DetailPage.Segment(text: span, role: .muted),
                       DetailPage.Segment(text: "  \(owner.kind.rawValue)  ", role: .text),
                       DetailPage.Segment(text: owner.owner, role: link == nil ? .text : .link)], link: link)
        }
    }

    private static func describe(_ result: WhoisResult, snapshot: Snapshot, into page: inout DetailPage) {
        page.section("\(result.ip) is \(result.kind.phrase)")
        if result.kind == .elasticIP, snapshot.elasticIPsByPublicIP[result.ip] != nil {
            page.field("Elastic IP", result.ip.description, link: .elasticIP(result.ip.description))
        }
        if result.kind == .pod, let pod = snapshot.podsByIP.longestMatch(result.ip)?.value {
            page.field("Pod", pod.qualifiedName, link: .pod(pod.qualifiedName))
        }
        if let gateway = result.gateway {
            page.field("Gateway", gateway.qualifiedName, role: gateway.ready ? .ok : .error,
                       link: .gateway(gateway.qualifiedName))
            if let pool = gateway.pool { page.field("Pool", pool, link: .pool(pool)) }
        }
        for fact in result.facts { page.text(fact) }
        if !result.rules.isEmpty {
            page.section("Rules that send traffic through it (\(result.rules.count))")
            for rule in result.rules {
                page.line([DetailPage.Segment(text: "  \(rule.policy) #\(rule.index)", role: .link),
                           DetailPage.Segment(text: "  \(rule.cidr)  \(rule.description ?? "")", role: .text)],
                          link: .rule(policy: rule.policy, index: rule.index))
            }
        }
        if !result.workloads.isEmpty {
            page.section("Workloads that can appear as \(result.ip) (\(result.workloads.count))")
            for workload in result.workloads {
                if snapshot.podsByQualifiedName[workload] != nil {
                    page.line([DetailPage.Segment(text: "  \(workload)", role: .link)], link: .pod(workload))
                } else {
                    page.text(workload)
                }
            }
        }
    }
}
