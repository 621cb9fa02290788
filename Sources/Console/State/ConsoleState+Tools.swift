import Foundation
import Simulator
import Inventory

extension ConsoleState {
    /// The pod `t` would trace from: the selected table row's gateway or pod, the open detail
    /// page's (or its selected link's), or the Whois page's selected link's.
    internal func traceTarget(model: ConsoleModel) -> String? {
        func gateway(_ target: DetailTarget?) -> String? {
            switch target {
            case .gateway(let name)?, .pod(let name)?: return name
            default: return nil
            }
        }
        if let detail = details.last {
            let line = detail.cursor.selected < detail.page.lines.count ? detail.page.lines[detail.cursor.selected] : nil
            return gateway(line?.link) ?? gateway(detail.target)
        }
        if currentView == .whois, let page = whois.lookup?.page, whois.cursor.selected < page.lines.count {
            return gateway(page.lines[whois.cursor.selected].link)
        }
        guard let table = model.tables[currentView], let row = currentTable.selectedRow else { return nil }
        return gateway(table.rows[row].target)
    }

    /// `t`: opens the Trace view with the form prefilled with `pod` as the sender, the cursor on
    /// the destination.
    internal mutating func startTrace(from pod: String) {
        switchView(to: .trace)
        trace.set(.source, pod)
        trace.focus = .destination
        mode = .traceForm
    }

    /// The help overlay: j/k and the page keys scroll, any other key closes.
    internal mutating func handleHelpKey(_ key: ConsoleKey) {
        switch key {
        case .down, .character("j"): helpScroll += 1
        case .up, .character("k"): helpScroll = max(0, helpScroll - 1)
        case .pageDown, .character(" "): helpScroll += max(1, size.height - 4)
        case .pageUp: helpScroll = max(0, helpScroll - max(1, size.height - 4))
        default: mode = .normal
        }
        helpScroll = min(helpScroll, HelpOverlay.maxScroll(height: size.height))
    }

    /// Keys while editing the trace form.
    internal mutating func handleTraceFormKey(_ key: ConsoleKey, model: ConsoleModel) -> ConsoleEffect {
        switch key {
        case .escape:
            mode = .normal
        case .enter:
            trace.runTrace(with: model.simulator, generation: model.snapshotGeneration)
            mode = .normal
        case .tab:
            if !trace.complete(in: model.snapshot) { trace.moveFocus(by: 1) }
        case .backTab:
            if !trace.complete(in: model.snapshot, backwards: true) { trace.moveFocus(by: -1) }
        case .down:
            trace.moveFocus(by: 1)
        case .up:
            trace.moveFocus(by: -1)
        default:
            _ = trace.edit(key)
        }
        return .none
    }

    /// Keys on the Trace view outside the form: edit, scroll the result, toggle the comparison.
    internal mutating func handleTraceViewKey(_ key: ConsoleKey, model: ConsoleModel) {
        let rows = max(1, layout.content.height - TraceLayout.formHeight)
        let count = TraceLayout.lineCount(trace, width: layout.content.width)
        switch key {
        case .enter, .character("e"), .character("i"), .character("/"), .right, .character("l"):
            mode = .traceForm
        case .down, .character("j"): trace.scroll += 1
        case .up, .character("k"): trace.scroll -= 1
        case .pageDown, .control("f"), .character(" "): trace.scroll += rows
        case .pageUp, .control("b"): trace.scroll -= rows
        case .home, .character("g"): trace.scroll = 0
        case .end, .character("G"): trace.scroll = count
        case .character("w"):
            if trace.candidate == nil {
                message = ConsoleMessage("no what-if candidate: load one with :whatif policy FILE or :whatif firewall FILE",
                                         isError: true)
            } else {
                trace.compare.toggle()
            }
        default:
            break
        }
        trace.scroll = max(0, min(trace.scroll, count - rows))
    }

    /// Keys while typing the whois line.
    internal mutating func handleWhoisInputKey(_ key: ConsoleKey, model: ConsoleModel) -> ConsoleEffect {
        switch key {
        case .escape:
            mode = .normal
        case .enter:
            whois.lookUp(with: model.simulator, generation: model.snapshotGeneration)
            mode = .normal
        default:
            _ = whois.editor.apply(key)
        }
        return .none
    }

    /// Keys on the Whois view outside the input: move over the page, follow a link, edit.
    internal mutating func handleWhoisViewKey(_ key: ConsoleKey, model: ConsoleModel) {
        let rows = max(1, layout.content.height - WhoisLayout.inputHeight)
        let count = whois.lookup?.page.lines.count ?? 0
        switch key {
        case .down, .character("j"): whois.cursor.move(by: 1, count: count)
        case .up, .character("k"): whois.cursor.move(by: -1, count: count)
        case .pageDown, .control("f"), .character(" "): whois.cursor.move(by: rows, count: count)
        case .pageUp, .control("b"): whois.cursor.move(by: -rows, count: count)
        case .home, .character("g"): whois.cursor.jump(toEnd: false, count: count)
        case .end, .character("G"): whois.cursor.jump(toEnd: true, count: count)
        case .enter, .right, .character("l"):
            if let page = whois.lookup?.page, whois.cursor.selected < page.lines.count,
               let link = page.lines[whois.cursor.selected].link {
                details.append(DetailState(target: link, page: DetailPages.page(for: link, in: model.snapshot),
                                           rows: detailRows))
            } else {
                mode = .whoisInput
            }
            return
        case .character("e"), .character("i"), .character("/"):
            mode = .whoisInput
            return
        default:
            return
        }
        whois.cursor.reveal(line: whois.cursor.selected, rows: rows, lineCount: count)
    }

    /// `:trace [NS/POD|ns=NS,k=v] DST[:PORT] [tcp|udp|icmp]`: fills the form and runs the trace.
    internal mutating func runTraceCommand(_ arguments: [String], model: ConsoleModel) {
        switchView(to: .trace)
        guard !arguments.isEmpty else { return }
        var words = arguments
        if let last = words.last, words.count >= 2,
           TraceInput.protocolNames.contains(last.lowercased()) || UInt8(last) != nil {
            trace.set(.proto, last.lowercased())
            words.removeLast()
        }
        if let destination = words.last {
            trace.set(.destination, destination)
            words.removeLast()
        }
        if !words.isEmpty { trace.set(.source, words.joined(separator: ",")) }
        guard !trace.text(.source).isEmpty else {
            trace.focus = .source
            mode = .traceForm
            message = ConsoleMessage("give the pod: NS/NAME (Tab completes) or ns=NS,k=v")
            return
        }
        trace.runTrace(with: model.simulator, generation: model.snapshotGeneration)
    }

    /// `:whois IP|LINE`: looks it up on the Whois view.
    internal mutating func runWhoisCommand(_ arguments: [String], model: ConsoleModel) {
        switchView(to: .whois)
        guard !arguments.isEmpty else {
            mode = .whoisInput
            return
        }
        whois.editor = LineEditor(arguments.joined(separator: " "))
        whois.lookUp(with: model.simulator, generation: model.snapshotGeneration)
    }

    /// `:whatif policy FILE`, `:whatif firewall [NAME=]FILE`, `:whatif off`, or `:whatif` to
    /// toggle the side-by-side comparison.
    internal mutating func runWhatIfCommand(_ arguments: [String], model: ConsoleModel) {
        switchView(to: .trace)
        guard let kind = arguments.first else {
            if let candidate = trace.candidate {
                trace.compare.toggle()
                message = ConsoleMessage("what-if \(candidate.label): comparison \(trace.compare ? "on" : "off")")
            } else {
                message = ConsoleMessage("no what-if candidate: :whatif policy FILE or :whatif firewall [NAME=]FILE",
                                         isError: true)
            }
            return
        }
        if kind == "off" {
            trace.setCandidate(nil, simulator: model.simulator, generation: model.snapshotGeneration)
            message = ConsoleMessage("what-if candidate dropped")
            return
        }
        guard arguments.count >= 2 else {
            message = ConsoleMessage("usage: :whatif policy FILE | firewall [NAME=]FILE | fail zone=Z | off", isError: true)
            return
        }
        let argument = arguments.dropFirst().joined(separator: " ")
        let read: (String) -> [UInt8]? = { InputFile.bytes($0, limit: InputLimits.maxConfigFileBytes) }
        do throws(WhatIfLoadError) {
            let candidate: WhatIfCandidate
            switch kind {
            case "policy", "policies": candidate = try WhatIfCandidate.policies(path: argument, read: read)
            case "firewall", "fw": candidate = try WhatIfCandidate.firewall(argument, in: model.snapshot, read: read)
            case "fail": candidate = try WhatIfCandidate.failure(Array(arguments.dropFirst()), in: model.snapshot)
            default:
                throw WhatIfLoadError("expected `policy FILE`, `firewall [NAME=]FILE`, `fail zone=Z|node=N|gateway=NS/NAME` "
                                      + "or `off`, got '\(kind)'")
            }
            trace.setCandidate(candidate, simulator: model.simulator, generation: model.snapshotGeneration)
            message = ConsoleMessage("what-if \(candidate.label) loaded; w toggles the comparison")
        } catch {
            message = ConsoleMessage("what-if: \(error.message)", isError: true)
        }
    }
}
