import Foundation
import Kube

/// kubeconfig YAML: a file or a located one-line error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKubeconfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.run(data, size) { bytes, _ in
        do {
            _ = try KubeConfigLoader.decode(Data(bytes), path: "/k/config")
        } catch let error as KubeError {
            Fuzz.require(Fuzz.isOneLine(error.description) && error.description.hasPrefix("kubeconfig /k/config"),
                         "error not located on one line: \(error.description)")
        } catch {
            Fuzz.require(false, "not a KubeError: \(error)")
        }
    }
}
