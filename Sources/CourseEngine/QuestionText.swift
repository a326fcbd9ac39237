import CCmark
import Foundation

/// Turns question and feedback text into HTML that is safe to put in a page, whatever format it was written in.
public enum QuestionText {
    /// Tags kept from `[html]` and `[moodle]` text, without attributes; everything else is shown as text.
    static let allowedTags: Set<String> = [
        "b", "strong", "i", "em", "u", "br", "p", "sub", "sup", "code", "pre", "ul", "ol", "li", "span", "small",
    ]

    public static func html(_ text: FormattedText) -> String {
        switch text.format {
        case .plain:
            return HTML.escape(text.text).replacingOccurrences(of: "\n", with: "<br>")
        case .markdown:
            let rendered = text.text.withCString { pointer -> String in
                guard let output = cmark_markdown_to_html(pointer, strlen(pointer), CMARK_OPT_DEFAULT) else { return "" }
                defer { free(output) }
                return String(cString: output)
            }
            return rendered.trimmingCharacters(in: .whitespacesAndNewlines)
        case .html, .moodle:
            return sanitize(text.text).replacingOccurrences(of: "\n", with: text.format == .moodle ? "<br>" : "\n")
        }
    }

    /// Keeps a few formatting tags, drops their attributes, and escapes everything else.
    static func sanitize(_ html: String) -> String {
        var output = ""
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            output += HTML.escape(String(rest[..<open]))
            guard let close = rest[open...].firstIndex(of: ">") else {
                rest = rest[open...]
                break
            }
            let inside = rest[rest.index(after: open)..<close]
            let closing = inside.hasPrefix("/")
            let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if allowedTags.contains(name) {
                output += closing ? "</\(name)>" : "<\(name)>"
            } else {
                output += HTML.escape(String(rest[open...close]))
            }
            rest = rest[rest.index(after: close)...]
        }
        output += HTML.escape(String(rest))
        return output
    }
}
