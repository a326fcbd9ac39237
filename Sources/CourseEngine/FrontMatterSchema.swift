import Foundation
import Yams

/// The keys a front matter block may have, their types, and what is required; reads values and reports mistakes.
struct FrontMatterSchema {
    /// The type a key's value must have.
    enum ValueType {
        case text
        case positiveInteger
        case textList
        case oneOf([String])
        case languageCode
        case slug
        case boolean
    }

    struct Field {
        let key: String
        let type: ValueType
        let required: Bool
    }

    let kind: String
    let fields: [Field]

    static let course = FrontMatterSchema(
        kind: "course",
        fields: [
            Field(key: "title", type: .text, required: true),
            Field(key: "summary", type: .text, required: true),
            Field(key: "audience", type: .oneOf(Audience.allCases.map(\.rawValue)), required: true),
            Field(key: "version", type: .positiveInteger, required: true),
            Field(key: "estimated_minutes", type: .positiveInteger, required: true),
            Field(key: "language", type: .languageCode, required: false),
            Field(key: "tags", type: .textList, required: false),
            Field(key: "final_quiz", type: .slug, required: false),
            Field(key: "refresh_required", type: .boolean, required: false),
            Field(key: "draft", type: .boolean, required: false),
        ]
    )

    static let lesson = FrontMatterSchema(
        kind: "lesson",
        fields: [
            Field(key: "title", type: .text, required: true),
            Field(key: "kind", type: .oneOf(LessonKind.allCases.map(\.rawValue)), required: true),
            Field(key: "estimated_minutes", type: .positiveInteger, required: true),
            Field(key: "quiz", type: .slug, required: false),
            Field(key: "draft", type: .boolean, required: false),
        ]
    )

    /// A front matter's values once checked against the schema.
    struct Values {
        var flags: [String: Bool] = [:]
        var texts: [String: String] = [:]
        var integers: [String: Int] = [:]
        var lists: [String: [String]] = [:]
    }

    /// Checks every key of `frontMatter` and returns the values that are well formed, with a diagnostic for each
    /// unknown key, missing required key and value of the wrong type.
    func validate(_ frontMatter: FrontMatter, file: String) -> (Values, [Diagnostic]) {
        var values = Values()
        var diagnostics: [Diagnostic] = []
        let known = fields.map(\.key)
        for entry in frontMatter.entries {
            guard let field = fields.first(where: { $0.key == entry.key }) else {
                var message = "unknown key '\(entry.key)' in \(kind) front matter"
                if let suggestion = Suggestion.closest(to: entry.key, in: known) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += " (allowed: \(known.joined(separator: ", ")))"
                }
                diagnostics.append(.error(message, file: file, line: entry.line, column: entry.column))
                continue
            }
            if let problem = read(entry.value, as: field, into: &values) {
                let mark = entry.value.mark
                diagnostics.append(
                    .error(problem, file: file, line: mark.map { $0.line + 1 } ?? entry.line, column: mark?.column ?? entry.column)
                )
            }
        }
        for field in fields where field.required && frontMatter.entry(field.key) == nil {
            diagnostics.append(.error("missing required key '\(field.key)' in \(kind) front matter", file: file))
        }
        return (values, diagnostics)
    }

    /// Reads one value into `values`, or returns what is wrong with it.
    private func read(_ node: Node, as field: Field, into values: inout Values) -> String? {
        let key = field.key
        switch field.type {
        case .text:
            guard let text = plainText(node) else { return "'\(key)' must be text" }
            guard !text.isEmpty else { return "'\(key)' must not be empty" }
            values.texts[key] = text
        case .positiveInteger:
            guard let scalar = node.scalar, let number = Int(scalar.string), number > 0 else {
                return "'\(key)' must be a whole number greater than 0, not '\(describe(node))'"
            }
            values.integers[key] = number
        case .textList:
            let items: [Node]
            switch node {
            case .sequence(let sequence): items = Array(sequence)
            case .scalar(let scalar) where scalar.string.isEmpty: items = []
            default: return "'\(key)' must be a list, for example [vneid, dịch vụ công]"
            }
            var texts: [String] = []
            for item in items {
                guard let text = plainText(item), !text.isEmpty else { return "every item of '\(key)' must be text" }
                texts.append(text)
            }
            values.lists[key] = texts
        case .oneOf(let allowed):
            guard let text = plainText(node), allowed.contains(text) else {
                var message = "'\(key)' must be one of \(allowed.joined(separator: ", ")), not '\(describe(node))'"
                if let suggestion = Suggestion.closest(to: describe(node), in: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                }
                return message
            }
            values.texts[key] = text
        case .languageCode:
            guard let text = plainText(node), LanguageCode.isValid(text) else {
                return "'\(key)' must be a language code such as vi or en, not '\(describe(node))'"
            }
            values.texts[key] = text
        case .boolean:
            guard let flag = node.bool else { return "'\(key)' must be true or false, not '\(describe(node))'" }
            values.flags[key] = flag
        case .slug:
            guard let text = plainText(node), Slug.isValid(text) else {
                return "'\(key)' must be an id made of lowercase letters, digits and hyphens, not '\(describe(node))'"
            }
            values.texts[key] = text
        }
        return nil
    }

    private func plainText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string.trimmingCharacters(in: .whitespaces)
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}

/// Ids used in URLs and file names: lowercase ASCII letters and digits separated by single hyphens.
public enum Slug {
    /// True when `text` is a well-formed id such as `vneid-co-ban`.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 100, text.first != "-", text.last != "-", !text.contains("--") else {
            return false
        }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

enum LanguageCode {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
            primary.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }), parts.count <= 2
        else { return false }
        return parts.count == 1 || parts[1].unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
