/// One element of a parsed response: its local name (namespace prefix dropped), its text when it
/// is a leaf, and its child elements in document order.
struct XMLNode: Sendable {
    /// The local name.
    var name: String
    /// The decoded text of a leaf element; empty for elements with children.
    var text: String
    /// Child elements.
    var children: [XMLNode]

    /// The first child with this name.
    func child(_ name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// The text of the first child with this name; nil when absent or empty (moto writes `<x/>`).
    func string(_ name: String) -> String? {
        guard let text = child(name)?.text, !text.isEmpty else { return nil }
        return text
    }

    /// The `<item>` children of the named set element; empty when the set is absent or empty.
    func items(_ setName: String) -> [XMLNode] {
        child(setName)?.children.filter { $0.name == "item" } ?? []
    }

    /// Follows a path of child names.
    func descendant(_ path: String...) -> XMLNode? {
        var node: XMLNode? = self
        for name in path { node = node?.child(name) }
        return node
    }

    /// The text, nil when empty.
    var nonEmptyText: String? { text.isEmpty ? nil : text }
}
