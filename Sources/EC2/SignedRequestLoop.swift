/// The send loop every AWS client here shares (EC2 Query, CloudWatch Logs JSON 1.1): take a send
/// slot from the retry policy, sign with the current credentials, retry what the policy retries
/// (with its delays), and refresh credentials once when AWS says they expired.
internal struct SignedRequestLoop: Sendable {
    /// The client's retry policy (rate limiting, backoff, retry budget).
    let retryPolicy: RetryPolicy
    /// The client's credentials.
    let credentials: CredentialCache
    /// The clock the delays sleep on.
    let clock: AWSClock

    /// Runs `once` (one signed request with the keys it is given) until it answers, the policy
    /// gives up (its last failure is thrown), or the task is cancelled.
    func send(operation: String,
              _ once: (AWSCredentials) async throws(EC2Error) -> [UInt8]) async throws(EC2Error) -> [UInt8] {
        var attempt = 0
        var retryCost = 0
        var refreshedAfterExpiry = false
        while true {
            attempt += 1
            do {
                try await retryPolicy.acquireSendSlot()
            } catch {
                throw .transport(operation: operation, .cancelled)
            }
            let failure: EC2Error
            let keys = try await credentials.credentials()
            do {
                let response = try await once(keys)
                await retryPolicy.recordSuccess(retryCost: retryCost)
                return response
            } catch {
                failure = error
            }
            if failure.category == .expired, !refreshedAfterExpiry {
                refreshedAfterExpiry = true
                await credentials.invalidate(rejected: keys)
                attempt -= 1
                continue
            }
            switch await retryPolicy.decide(after: failure, attempt: attempt) {
            case .fail:
                throw failure
            case .retry(let delay, let cost):
                retryCost += cost
                do { try await clock.sleep(delay) } catch { throw .transport(operation: operation, .cancelled) }
            }
        }
    }
}
