import Inventory
import Yams

/// Reads a theme file (YAML):
///
/// ```yaml
/// name: default
/// description: Dark terminals, 256 colours.
/// roles:
///   header: { fg: bright-white, bg: 24, bold: true, mono: reverse }
/// ```
///
/// Each role takes `fg` and `bg` (a colour name, `default`, `0`–`255` or `#rrggbb`), the flags
/// `bold`, `underline`, `reverse`, `dim`, and `mono`: the attributes used without colours (a name,
/// a list of names, or `none`). Roles a file leaves out keep the base theme's style. Every problem
/// is reported with the file and line.
public enum ThemeParser {
    /// Parses `text`, read from `file`, over `base` (the built-in default when nil and not parsing
    /// the default itself).
    public static func parse(_ text: String, file: String, base: Theme? = nil) -> Result<Theme, ThemeError> {
        do {
            return .success(try parseThrowing(text, file: file, base: base))
        } catch let error as ThemeError {
            return .failure(error)
        } catch let problem as YAMLInput.Problem {
            return .failure(ThemeError(file: file, line: problem.line, message: problem.message))
        } catch {
            return .failure(ThemeError(file: file, message: "not a readable theme"))
        }
    }

    private static func parseThrowing(_ text: String, file: String, base: Theme?) throws -> Theme {
        guard let root = try YAMLInput.compose(text) else {
            throw ThemeError(file: file, line: 1, message: "the file is empty; expected a mapping with `name` and `roles`")
        }
        guard let mapping = root.mapping else {
            throw ThemeError(file: file, line: root.mark?.line, message: "expected a mapping with `name` and `roles`")
        }
        var name: String?
        var summary = ""
        var styles: [ThemeRole: ThemeStyle] = [:]
        var sawRoles = false
        for (key, value) in mapping {
            switch key.string {
            case "name":
                guard let text = value.scalar?.string, !text.isEmpty else {
                    throw ThemeError(file: file, line: value.mark?.line, message: "`name` must be a non-empty string")
                }
                name = text
            case "description":
                summary = value.scalar?.string ?? ""
            case "roles":
                sawRoles = true
                guard let roles = value.mapping else {
                    throw ThemeError(file: file, line: value.mark?.line, message: "`roles` must be a mapping of role names to styles")
                }
                for (roleKey, roleValue) in roles {
                    let roleName = roleKey.string ?? ""
                    guard let role = ThemeRole(name: roleName) else {
                        throw ThemeError(file: file, line: roleKey.mark?.line,
                                         message: "unknown role '\(roleName)'; expected one of: "
                                            + ThemeRole.allCases.map(\.name).joined(separator: ", "))
                    }
                    styles[role] = try style(roleValue, role: role, file: file)
                }
            default:
                throw ThemeError(file: file, line: key.mark?.line,
                                 message: "unknown key '\(key.string ?? "?")'; expected name, description or roles")
            }
        }
        guard sawRoles else {
            throw ThemeError(file: file, line: root.mark?.line, message: "missing `roles`")
        }
        var complete: [ThemeRole: ThemeStyle] = [:]
        for role in ThemeRole.allCases {
            complete[role] = styles[role] ?? base?[role] ?? Theme.fallbackStyle(for: role)
        }
        return Theme(name: name ?? file, summary: summary, styles: complete)
    }

    /// A role's style: what the file says, from a blank style (a named role is complete by itself).
    private static func style(_ node: Yams.Node, role: ThemeRole, file: String) throws -> ThemeStyle {
        guard let mapping = node.mapping else {
            throw ThemeError(file: file, line: node.mark?.line,
                             message: "role '\(role.name)' must be a mapping like { fg: white, bg: blue, bold: true }")
        }
        var style = ThemeStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [],
                               monochrome: Theme.defaultMonochrome(for: role))
        for (key, value) in mapping {
            let field = key.string ?? ""
            switch field {
            case "fg", "bg":
                let text = value.scalar?.string ?? ""
                guard let color = ThemeColor(parsing: text) else {
                    throw ThemeError(file: file, line: value.mark?.line,
                                     message: "role '\(role.name)': '\(text)' is not a colour; expected default, a name "
                                        + "(black, red, …, bright-white), 0-255 or #rrggbb")
                }
                if field == "fg" { style.foreground = color } else { style.background = color }
            case "mono":
                style.monochrome = try attributes(value, role: role, file: file)
            default:
                guard let attribute = ThemeAttributes.named.first(where: { $0.0 == field })?.1 else {
                    throw ThemeError(file: file, line: key.mark?.line,
                                     message: "role '\(role.name)': unknown key '\(field)'; expected fg, bg, bold, "
                                        + "underline, reverse, dim or mono")
                }
                guard let on = value.bool else {
                    throw ThemeError(file: file, line: value.mark?.line,
                                     message: "role '\(role.name)': '\(field)' must be true or false")
                }
                if on { style.attributes.insert(attribute) } else { style.attributes.remove(attribute) }
            }
        }
        return style
    }

    private static func attributes(_ node: Yams.Node, role: ThemeRole, file: String) throws -> ThemeAttributes {
        let names: [(String, Int?)]
        if let sequence = node.sequence {
            names = sequence.map { ($0.scalar?.string ?? "", $0.mark?.line) }
        } else {
            names = (node.scalar?.string ?? "").split(separator: ",").map {
                ($0.trimmingCharacters(in: " "), node.mark?.line)
            }
        }
        var result: ThemeAttributes = []
        for (name, line) in names where name != "none" && !name.isEmpty {
            guard let attribute = ThemeAttributes.named.first(where: { $0.0 == name })?.1 else {
                throw ThemeError(file: file, line: line,
                                 message: "role '\(role.name)': unknown attribute '\(name)' in mono; expected bold, "
                                    + "underline, reverse, dim or none")
            }
            result.insert(attribute)
        }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing `character`s.
    internal func trimmingCharacters(in character: Character) -> String {
        var slice = self[...]
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
