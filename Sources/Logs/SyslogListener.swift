#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LPM
import Synchronization

/// Receives firewall syslog on a UDP or TCP socket (firewalls send to the jump host) on its own
/// thread, and queues each message for a reader that drains it. Everything is bounded: message
/// size, queued messages and bytes, TCP connections; what does not fit is dropped and counted,
/// and on UDP the kernel's own drops are read back (SO_RXQ_OVFL) so overload is reported, never
/// silent.
public final class SyslogListener: Sendable {
    /// The largest message kept (ASA messages are under 1 KiB; RFC 5426 receivers must take 480+).
    public static let maximumMessageSize = 8192
    /// Messages queued for the reader at most.
    public static let queueCapacity = 262_144
    /// Bytes queued for the reader at most.
    public static let queueByteLimit = 32 << 20
    /// TCP connections held at once.
    public static let maximumConnections = 64
    /// The UDP socket's receive buffer asked of the kernel (bounded by net.core.rmem_max).
    public static let receiveBufferBytes: Int32 = 8 << 20
    /// `SO_MEMINFO` (Linux 3.9+): the socket's memory counters, the drop count among them.
    static let socketMemoryInfo: Int32 = 55
    /// The index of `SK_MEMINFO_DROPS` in what `SO_MEMINFO` returns.
    static let memoryInfoDrops = 8

    private struct Queue: ~Copyable {
        var messages: [[UInt8]] = []
        var bytes = 0
        var statistics = SyslogListenerStatistics()
    }

    /// The endpoint, with the port the kernel chose when 0 was asked.
    public let endpoint: SyslogEndpoint
    private let socket: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let queue = Mutex(Queue())
    private let running = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)
    /// Messages queued for the reader at most (`queueCapacity` unless told).
    public let capacity: Int

    /// Binds `endpoint` (and listens, for TCP). Nothing is read until `start()`. `capacity` bounds
    /// the queue and `receiveBuffer` the UDP socket's buffer (tests overload small ones).
    public init(endpoint: SyslogEndpoint, capacity: Int = SyslogListener.queueCapacity,
                receiveBuffer: Int32 = SyslogListener.receiveBufferBytes) throws(SyslogListenerError) {
        func failure(_ call: String) -> SyslogListenerError {
            SyslogListenerError(endpoint: endpoint, call: call, reason: String(cString: strerror(errno)))
        }
        let family = endpoint.address.family == .v4 ? AF_INET : AF_INET6
        #if canImport(Glibc)
        let type = Int32(endpoint.transport == .udp ? SOCK_DGRAM.rawValue : SOCK_STREAM.rawValue)
        #else
        let type = endpoint.transport == .udp ? SOCK_DGRAM : SOCK_STREAM
        #endif
        let fd = Glibc.socket(family, type | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw failure("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if endpoint.transport == .udp {
            var size = receiveBuffer
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &yes, socklen_t(MemoryLayout<Int32>.size))
        }
        var bound = endpoint
        let result: Int32
        switch endpoint.address {
        case .v4(let address):
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = endpoint.port.bigEndian
            socketAddress.sin_addr = in_addr(s_addr: address.value.bigEndian)
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(let address):
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = endpoint.port.bigEndian
            withUnsafeMutableBytes(of: &socketAddress.sin6_addr) { raw in
                for index in 0..<8 {
                    raw[index] = UInt8(truncatingIfNeeded: address.high >> (56 - 8 * index))
                    raw[8 + index] = UInt8(truncatingIfNeeded: address.low >> (56 - 8 * index))
                }
            }
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        guard result == 0 else {
            let error = failure("bind")
            close(fd)
            throw error
        }
        if endpoint.transport == .tcp, listen(fd, 64) != 0 {
            let error = failure("listen")
            close(fd)
            throw error
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        bound.port = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            let error = failure("pipe")
            close(fd)
            throw error
        }
        for descriptor in pipeEnds { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        self.capacity = max(1, capacity)
        socket = fd
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        self.endpoint = bound
    }

    deinit {
        close(socket)
        close(wakeRead)
        close(wakeWrite)
    }

    /// Starts the receiving thread.
    public func start() {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = Thread { [self] in
            if endpoint.transport == .udp { receiveDatagrams() } else { receiveStreams() }
            finished.withLock { $0 = true }
        }
        thread.name = "syslog \(endpoint)"
        thread.start()
    }

    /// Stops the receiving thread (queued messages stay for `drain`) and waits for it.
    public func stop() {
        guard running.exchange(false, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        while !finished.withLock({ $0 }) { usleep(1000) }
    }

    /// Takes every queued message, oldest first.
    public func drain() -> [[UInt8]] {
        queue.withLock { queue in
            let messages = queue.messages
            queue.messages = []
            queue.bytes = 0
            return messages
        }
    }

    /// Counts so far. On UDP the kernel's drop count is read from the socket now (`SO_MEMINFO`),
    /// so datagrams lost after the last one received are counted too.
    public var statistics: SyslogListenerStatistics {
        var statistics = queue.withLock { $0.statistics }
        if endpoint.transport == .udp, let drops = kernelDrops() {
            statistics.droppedByKernel = max(statistics.droppedByKernel, drops)
        }
        return statistics
    }

    /// The socket's drop count (`SK_MEMINFO_DROPS`), nil where `SO_MEMINFO` is not available.
    private func kernelDrops() -> Int? {
        var counters = [UInt32](repeating: 0, count: 16)
        var length = socklen_t(counters.count * MemoryLayout<UInt32>.size)
        let result = counters.withUnsafeMutableBytes {
            getsockopt(socket, SOL_SOCKET, Self.socketMemoryInfo, $0.baseAddress, &length)
        }
        guard result == 0, Int(length) >= (Self.memoryInfoDrops + 1) * MemoryLayout<UInt32>.size else { return nil }
        return Int(counters[Self.memoryInfoDrops])
    }

    private func enqueue(_ batch: [[UInt8]], kernelDrops: Int?, oversize: Int = 0, malformed: Int = 0) {
        queue.withLock { queue in
            for message in batch {
                if queue.messages.count >= capacity || queue.bytes + message.count > Self.queueByteLimit {
                    queue.statistics.droppedQueueFull += 1
                } else {
                    queue.messages.append(message)
                    queue.bytes += message.count
                    queue.statistics.received += 1
                }
            }
            if let kernelDrops { queue.statistics.droppedByKernel = kernelDrops }
            queue.statistics.oversize += oversize
            queue.statistics.malformed += malformed
        }
    }

    private func wait(_ descriptors: [Int32]) -> [Int16] {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        _ = poll(&fds, nfds_t(fds.count), 250)
        return fds.map(\.revents)
    }

    // MARK: - UDP

    private func receiveDatagrams() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 8)
        let control = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
        defer {
            buffer.deallocate()
            control.deallocate()
        }
        var batch: [[UInt8]] = []
        batch.reserveCapacity(256)
        while running.load(ordering: .acquiring) {
            _ = wait([socket, wakeRead])
            var kernelDrops: Int?
            var oversize = 0
            while true {
                var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
                var header = msghdr()
                let count = withUnsafeMutablePointer(to: &vector) { vectorPointer -> Int in
                    header.msg_iov = vectorPointer
                    header.msg_iovlen = 1
                    header.msg_control = control.baseAddress
                    header.msg_controllen = control.count
                    return recvmsg(socket, &header, 0)
                }
                guard count >= 0 else { break }
                if header.msg_controllen >= MemoryLayout<cmsghdr>.size {
                    let cmsg = control.load(as: cmsghdr.self)
                    if cmsg.cmsg_level == SOL_SOCKET, cmsg.cmsg_type == SO_RXQ_OVFL {
                        kernelDrops = Int(control.load(fromByteOffset: MemoryLayout<cmsghdr>.size, as: UInt32.self))
                    }
                }
                if count > Self.maximumMessageSize {
                    oversize += 1
                    continue
                }
                var end = count
                while end > 0, buffer[end - 1] == 10 || buffer[end - 1] == 13 || buffer[end - 1] == 0 { end -= 1 }
                if end > 0 { batch.append(Array(buffer[0..<end])) }
                if batch.count >= 256 {
                    enqueue(batch, kernelDrops: kernelDrops, oversize: oversize)
                    batch.removeAll(keepingCapacity: true)
                    oversize = 0
                }
            }
            enqueue(batch, kernelDrops: kernelDrops, oversize: oversize)
            batch.removeAll(keepingCapacity: true)
        }
    }

    // MARK: - TCP

    private func receiveStreams() {
        var clients: [Int32: SyslogFramer] = [:]
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 8)
        defer {
            buffer.deallocate()
            for fd in clients.keys { close(fd) }
        }
        while running.load(ordering: .acquiring) {
            let descriptors = [socket, wakeRead] + clients.keys.sorted()
            let events = wait(descriptors)
            if events[0] != 0 {
                while true {
                    let client = accept(socket, nil, nil)
                    guard client >= 0 else { break }
                    _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                    if clients.count >= Self.maximumConnections {
                        close(client)
                        queue.withLock { $0.statistics.refusedConnections += 1 }
                        continue
                    }
                    _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
                    clients[client] = SyslogFramer(maximumMessageSize: Self.maximumMessageSize)
                    queue.withLock { $0.statistics.connections += 1 }
                }
            }
            for (index, fd) in descriptors.enumerated().dropFirst(2) where events[index] != 0 {
                guard var framer = clients[fd] else { continue }
                var batch: [[UInt8]] = []
                let (oversizeBefore, malformedBefore) = (framer.oversize, framer.malformed)
                var closed = false
                while true {
                    let count = read(fd, buffer.baseAddress, buffer.count)
                    if count > 0 {
                        framer.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) { batch.append($0) }
                        continue
                    }
                    if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) {
                        framer.finish { batch.append($0) }
                        closed = true
                    }
                    break
                }
                enqueue(batch, kernelDrops: nil, oversize: framer.oversize - oversizeBefore,
                        malformed: framer.malformed - malformedBefore)
                if closed {
                    close(fd)
                    clients[fd] = nil
                } else {
                    clients[fd] = framer
                }
            }
        }
    }
}
