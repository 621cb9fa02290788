import CCurl
import Foundation
import Testing

/// The libcurl shim links, and its typed setopt wrappers drive a real transfer through a callback.
@Suite struct CCurlSmokeTests {
    @Test func reportsTLSAndGzipSupport() throws {
        let info = try #require(gw_curl_version_info())
        #expect(info.pointee.version_num >= 0x075800)  // 7.88 or newer
        #expect(info.pointee.features & CURL_VERSION_SSL != 0)
        #expect(info.pointee.features & CURL_VERSION_LIBZ != 0)
    }

    /// Collects the bytes curl hands to the write callback.
    final class Sink {
        var bytes: [UInt8] = []
    }

    @Test func transfersAFileThroughTheWriteCallback() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-curl-smoke-\(getpid()).txt")
        try Data("egress via gateway\n".utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }

        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        let sink = Sink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        #expect(gw_easy_setopt_string(handle, CURLOPT_URL, "file://" + path.path) == CURLE_OK)
        #expect(gw_easy_setopt_write_function(handle) { data, size, count, user in
            guard let data, let user else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        } == CURLE_OK)
        #expect(gw_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque()) == CURLE_OK)
        #expect(curl_easy_perform(handle) == CURLE_OK)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "egress via gateway\n")
    }
}
