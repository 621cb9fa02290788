import LPM

/// An IP address written as text in a Kubernetes or AWS document. Empty text decodes as no address;
/// malformed text fails with a message that names the text and what was expected.
struct IPText: Decodable {
    let address: IPAddress?

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        if text.isEmpty {
            address = nil
            return
        }
        do {
            address = try IPAddress(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "expected an IP address: \(error)"))
        }
    }
}

/// A CIDR written as text. Strict: host bits past the length are an error, as Calico and AWS
/// reject them.
struct PrefixText: Decodable {
    let prefix: IPPrefix

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            prefix = try IPPrefix(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "expected a CIDR: \(error)"))
        }
    }
}

/// A CIDR in a security group or network ACL rule: host bits past the length are masked, as EC2
/// canonicalises them (`100.68.0.18/18` → `100.68.0.0/18`; moto keeps them as given).
struct CanonicalPrefixText: Decodable {
    let prefix: IPPrefix

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            prefix = try IPPrefix.parseLenient(text).prefix
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "expected a CIDR: \(error)"))
        }
    }
}
