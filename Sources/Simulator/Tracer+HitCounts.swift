extension Tracer {
    /// The hit count the firewall's `show access-list` capture gives the line that decided, if
    /// the firewall has a capture that matches its config (nil for the implicit deny).
    func hitCount(_ verdict: TraceFirewall) -> Int? {
        guard let acl = verdict.acl, let line = verdict.line,
              let placement = context.snapshot.config.firewalls.first(where: { $0.name == verdict.name }) else { return nil }
        return firewalls.hitCounts[placement.config]?.hits(accessList: acl, line: line)
    }
}
