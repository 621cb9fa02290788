import MetricsServer

/// `--metrics-listen ADDR:PORT` for the synchronous commands: parses the address and starts the
/// server, turning what went wrong into an input error (exit 2).
enum MetricsServerStarter {
    static func start(_ text: String) throws -> MetricsServer {
        let result: Result<MetricsServer, MetricsServerError> = BlockingTask.run {
            do throws(MetricsServerError) {
                return .success(try await MetricsServer.start(address: try MetricsListenAddress.parse(text)))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let server): return server
        case .failure(let error): throw CommandFailure.input(error.message)
        }
    }
}
