import ArgumentParser
import Presentation
import Inventory

/// `gatewatch select SELECTOR`: the pods a Calico selector picks.
struct SelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "List the pods a Calico selector matches, as namespace/name.")

    @Argument(help: "A Calico selector, e.g. \"k8s-app == 'dlp-service-egw'\".")
    var selector: String

    @Option(name: .customLong("namespace-selector"), help: "Only pods in namespaces this selector matches.")
    var namespaceSelector: String?

    @OptionGroup var source: SourceOptions

    @Option(name: .short, help: "Output format: table (one per line) or json (an array).")
    var output: OutputFormat = .table

    func run() throws {
        let podSelector = try parse(selector, option: "selector")
        let nsSelector = try namespaceSelector.map { try parse($0, option: "--namespace-selector") }
        let snapshot = try source.loadSnapshot()
        let names = snapshot.pods(matching: podSelector, namespaceSelector: nsSelector).map(\.qualifiedName)
        if output == .json {
            emit(JSONValue.array(names.map { .string($0) }).rendered())
        } else if !names.isEmpty {
            emit(names.joined(separator: "\n"))
        }
    }

    private func parse(_ text: String, option: String) throws -> Selector {
        do {
            return try Selector(text)
        } catch {
            throw CommandFailure.input("\(option): \(error.description)")
        }
    }
}
