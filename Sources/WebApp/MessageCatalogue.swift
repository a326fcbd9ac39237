import Foundation
import Yams

/// Every text the product shows, per language, read from `Static/i18n/<lang>.yml`.
public struct MessageCatalogue: Sendable {
    private let tables: [Language: [String: String]]
    /// Each language's table with missing keys filled from Vietnamese, merged once rather than on every page.
    private let completeTables: [Language: [String: String]]

    public init(tables: [Language: [String: String]]) {
        self.tables = tables
        completeTables = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
            (language, (tables[.vi] ?? [:]).merging(tables[language] ?? [:]) { _, chosen in chosen })
        })
    }

    /// Reads `vi.yml` and `en.yml` from a directory. Keys missing in English fall back to Vietnamese.
    public static func load(directory: String) throws -> MessageCatalogue {
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let path = "\(directory)/\(language.rawValue).yml"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard let table = try Yams.load(yaml: text) as? [String: Any] else {
                throw StartupError.invalidFile(path, "expected 'key: text' lines")
            }
            tables[language] = table.mapValues { "\($0)" }
        }
        return MessageCatalogue(tables: tables)
    }

    /// The text for `key`, with `{name}` placeholders filled in.
    public func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        var text = tables[language]?[key] ?? tables[.vi]?[key] ?? key
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// The whole table for one language, for templates; missing keys filled from Vietnamese.
    public func table(_ language: Language) -> [String: String] {
        completeTables[language] ?? [:]
    }

    /// Keys of one language's table, for checking that the catalogues agree.
    public func keys(_ language: Language) -> Set<String> {
        Set(tables[language]?.keys ?? [:].keys)
    }
}

/// Problems that stop the server from starting, reported with the file at fault.
public enum StartupError: Error, CustomStringConvertible {
    case invalidFile(String, String)
    case missingDirectory(String)
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .invalidFile(let path, let reason): "\(path): \(reason)"
        case .missingDirectory(let path): "\(path): no such directory"
        case .invalidConfiguration(let reason): "invalid configuration: \(reason)"
        }
    }
}
