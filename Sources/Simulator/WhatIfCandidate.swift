import Inventory

/// A candidate change to compare against the current Snapshot: policies replacing those of the
/// same name, and/or a placed firewall's running-config replaced. `gatewatch whatif --policy
/// FILE… --firewall [NAME=]FILE` and the console's `:whatif policy|firewall …` load it here, so
/// both accept and refuse the same inputs with the same messages. Reading the files is the
/// caller's (`read`), so this stays pure.
public struct WhatIfCandidate: Hashable, Sendable {
    /// One change.
    public enum Change: Hashable, Sendable {
        /// Policies replacing the policies of the same name (added when new).
        case policies([EgressGatewayPolicy])
        /// The firewall configuration file at `path` (as `gatewatch.yaml` names it) replaced by `text`.
        case firewall(path: String, text: String)
        /// AWS objects (security groups, network ACLs, route tables…) replacing those of the same id.
        case awsObjects(AWSState)
        /// Gateways lost (`--fail zone=Z|node=N|gateway=NS/NAME`): marked not ready.
        case failure(GatewayFailure)
    }

    /// What the candidate is, for titles: `policy FILE`, `firewall NAME=FILE`.
    public var label: String
    /// The changes, applied in order.
    public var changes: [Change]
    /// What loading the files reported that did not stop it (warnings), `file:line: …`.
    public var diagnostics: [String]

    /// A candidate of `changes`.
    public init(label: String, changes: [Change], diagnostics: [String] = []) {
        self.label = label
        self.changes = changes
        self.diagnostics = diagnostics
    }

    /// `snapshot` with every change applied.
    public func apply(to snapshot: Snapshot) -> Snapshot {
        changes.reduce(snapshot) { current, change in
            switch change {
            case .policies(let policies): return current.replacing(policies: policies)
            case .firewall(let path, let text): return current.replacing(firewallConfig: path, text: text)
            case .awsObjects(let aws): return current.replacing(awsObjects: aws)
            case .failure(let failure): return failure.apply(to: current)
            }
        }
    }

    /// This candidate followed by `other`'s changes.
    public func followed(by other: WhatIfCandidate) -> WhatIfCandidate {
        WhatIfCandidate(label: [label, other.label].filter { !$0.isEmpty }.joined(separator: ", "),
                        changes: changes + other.changes, diagnostics: diagnostics + other.diagnostics)
    }

    /// The EgressGatewayPolicies of the YAML/JSON file at `path`; a file with errors, or with no
    /// policy, is refused.
    public static func policies(path: String, read: (String) -> [UInt8]?) throws(WhatIfLoadError) -> WhatIfCandidate {
        guard let bytes = read(path) else { throw WhatIfLoadError("cannot read \(path)") }
        let (cluster, diagnostics) = BundleLoader.loadClusterObjects(BundleFile(path: path, contents: bytes))
        if let error = diagnostics.first(where: { $0.severity == .error }) {
            throw WhatIfLoadError("\(error.description) (the candidate policy has errors)")
        }
        guard !cluster.policies.isEmpty else { throw WhatIfLoadError("\(path): no EgressGatewayPolicy in the file") }
        return WhatIfCandidate(label: "policy \(path)", changes: [.policies(cluster.policies)],
                               diagnostics: diagnostics.map(\.description))
    }

    /// The AWS objects of the `describe-*` JSON file at `path` (`--aws FILE`); a file with errors is
    /// refused.
    public static func awsObjects(path: String, read: (String) -> [UInt8]?) throws(WhatIfLoadError) -> WhatIfCandidate {
        guard let bytes = read(path) else { throw WhatIfLoadError("cannot read \(path)") }
        let (aws, diagnostics) = Snapshot.candidateAWSObjects(BundleFile(path: path, contents: bytes))
        if let error = diagnostics.first(where: { $0.severity == .error }) {
            throw WhatIfLoadError("\(error.description) (the candidate AWS objects have errors)")
        }
        return WhatIfCandidate(label: "aws \(path)", changes: [.awsObjects(aws)], diagnostics: diagnostics.map(\.description))
    }

    /// The gateways lost with `targets` (`zone=Z`, `node=N`, `gateway=NS/NAME`); a target that names
    /// no gateway of `snapshot` is refused.
    public static func failure(_ targets: [String], in snapshot: Snapshot) throws(WhatIfLoadError) -> WhatIfCandidate {
        guard !targets.isEmpty else { throw WhatIfLoadError("--fail: expected zone=Z, node=N or gateway=NS/NAME") }
        var parsed: [GatewayFailure.Target] = []
        for text in targets { parsed.append(try GatewayFailure.Target.parse(text)) }
        let failure = GatewayFailure(targets: parsed)
        try failure.validate(against: snapshot)
        return WhatIfCandidate(label: failure.label, changes: [.failure(failure)])
    }

    /// The running-config `[NAME=]FILE` for the firewall placed as NAME in `snapshot` (NAME may be
    /// left out when only one firewall is placed).
    public static func firewall(_ argument: String, in snapshot: Snapshot,
                                read: (String) -> [UInt8]?) throws(WhatIfLoadError) -> WhatIfCandidate {
        let firewalls = snapshot.config.firewalls
        var file = argument
        var placement = firewalls.count == 1 ? firewalls.first : nil
        if let equals = argument.firstIndex(of: "="), let named = firewalls.first(where: { $0.name == argument[..<equals] }) {
            placement = named
            file = String(argument[argument.index(after: equals)...])
        }
        guard let placement else {
            let names = firewalls.map(\.name).joined(separator: ", ")
            throw WhatIfLoadError("say which firewall as NAME=FILE (placed: \(names.isEmpty ? "none" : names))")
        }
        guard let bytes = read(file) else { throw WhatIfLoadError("cannot read \(file)") }
        return WhatIfCandidate(label: "firewall \(placement.name)=\(file)",
                               changes: [.firewall(path: placement.config, text: String(decoding: bytes, as: UTF8.self))])
    }
}

/// Why a what-if candidate could not be loaded, one line.
public struct WhatIfLoadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The line.
    public var description: String { message }
}
