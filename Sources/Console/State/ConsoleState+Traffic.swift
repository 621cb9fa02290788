extension ConsoleState {
    /// Enter on a deny of the Traffic view: the Trace view, traced from the deny's workload pod
    /// to its destination over its protocol; without a workload, the form waits for the sender.
    internal mutating func traceObservedFlow(sender: String?, destination: String, proto: String, model: ConsoleModel) {
        let protocols = TraceInput.protocolNames.contains(proto.lowercased()) || UInt8(proto) != nil
        if let sender {
            runTraceCommand([sender, destination] + (protocols ? [proto.lowercased()] : []), model: model)
            return
        }
        switchView(to: .trace)
        trace.set(.destination, destination)
        if protocols { trace.set(.proto, proto.lowercased()) }
        trace.focus = .source
        mode = .traceForm
        message = ConsoleMessage("no workload owns this flow: give the pod to trace from (Tab completes)")
    }
}
