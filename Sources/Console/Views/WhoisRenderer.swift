/// Draws the Whois view: the input (an IP or an ASA syslog line) and the reverse lookup as a page
/// whose links open the gateway, its pool, its Elastic IP and the rules through it.
internal enum WhoisRenderer {
    /// Draws `form` into `area`; `editing` when the input has the keys.
    internal static func render(into grid: inout CellGrid, area: Rect, form: WhoisForm, editing: Bool, glyphs: GlyphSet) {
        guard area.height >= WhoisLayout.inputHeight + 1 else { return }
        let label = "IP or syslog line"
        grid.write(label, x: area.x + 1, y: area.y, role: editing ? .title : .muted)
        let x = area.x + 2 + label.count + 1
        let room = area.maxX - x - 1
        let text = form.editor.text
        if text.isEmpty && !editing {
            grid.write("203.0.113.10, or %ASA-4-106023: Deny tcp src …", x: x, y: area.y, maxWidth: room, role: .muted,
                       ellipsis: glyphs.ellipsis)
        } else {
            let shown = CellWidth.columns(of: text) >= room ? String(text.suffix(max(1, room - 1))) : text
            let written = grid.write(shown, x: x, y: area.y, maxWidth: room, role: editing ? .prompt : .text)
            if editing { grid.put(" ", x: x + written, y: area.y, role: .selection) }
        }
        for column in area.x..<area.maxX { grid.put(glyphs.horizontal, x: column, y: area.y + 1, role: .border) }
        let body = Rect(x: area.x, y: area.y + WhoisLayout.inputHeight, width: area.width,
                        height: area.height - WhoisLayout.inputHeight)
        guard let lookup = form.lookup else {
            let hint = editing ? "Enter looks it up; Esc cancels."
                : "Enter types an IP or pastes an ASA syslog line; or :whois IP from anywhere."
            grid.write(hint, x: body.x + 1, y: body.y, maxWidth: body.width - 2, role: .muted, ellipsis: glyphs.ellipsis)
            return
        }
        DetailRenderer.render(into: &grid, area: body, lines: lookup.page.lines, cursor: form.cursor, glyphs: glyphs,
                              showSelection: !editing)
    }
}
