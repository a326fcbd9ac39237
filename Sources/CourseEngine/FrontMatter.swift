import Yams

/// The YAML block between `---` lines at the top of a course or lesson file, and the Markdown body after it.
struct FrontMatter {
    /// One `key: value` of the block, with where it stands in the file.
    struct Entry {
        let key: String
        let value: Node
        let line: Int
        let column: Int
    }

    let entries: [Entry]
    /// The Markdown after the closing `---`.
    let body: String
    /// The file line on which the body starts, so positions in the body can be mapped back to the file.
    let bodyStartLine: Int

    /// The value of `key`, if present.
    func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }

    /// Splits a file's text into front matter and body, reporting what is wrong with the block itself.
    static func parse(_ text: String, file: String) -> (FrontMatter?, [Diagnostic]) {
        guard let block = Block(text) else {
            return (
                nil,
                [.error("missing front matter: the file must start with a line '---', then 'key: value' lines, then '---'", file: file)]
            )
        }
        guard let closing = block.closingLine else {
            return (nil, [.error("the front matter that starts at line 1 is not closed by a line '---'", file: file)])
        }
        let yaml = block.yaml
        let body = block.body
        let bodyStartLine = closing + 2
        // Positions Yams reports count from the line after the opening '---'.
        let lineOffset = 1

        let root: Node?
        do {
            // The encoding is given: Yams's default reads the whole process environment on every parse, which was
            // half of the front matter's cost at start-up. UTF-8 is what that default picks for Swift strings.
            root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            var (line, column, message) = describe(error)
            if case .duplicatedKeysInMapping(let duplicates, _) = error, let key = duplicates.first,
                case let lines = text.split(separator: "\n", omittingEmptySubsequences: false),
                let second = lines[1..<closing].indices.filter({ lines[$0].hasPrefix("\(key):") }).dropFirst().first
            {
                // Yams points at the mapping; point at the repeated key instead.
                (line, column, message) = (second, 1, "duplicate key '\(key)'")
            }
            return (nil, [.error("invalid front matter: \(message)", file: file, line: line + lineOffset, column: column)])
        } catch {
            return (nil, [.error("invalid front matter: \(error)", file: file, line: 2)])
        }
        guard let root else {
            return (FrontMatter(entries: [], body: body, bodyStartLine: bodyStartLine), [])
        }
        guard case .mapping(let mapping) = root else {
            let mark = root.mark
            return (
                nil,
                [.error("the front matter must be 'key: value' lines", file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)]
            )
        }

        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let line = (keyNode.mark?.line ?? 1) + lineOffset
            let column = keyNode.mark?.column ?? 1
            guard let key = keyNode.scalar?.string else {
                diagnostics.append(.error("a front matter key must be a plain word", file: file, line: line, column: column))
                continue
            }
            entries.append(Entry(key: key, value: value, line: line, column: column))
        }
        return (FrontMatter(entries: entries, body: body, bodyStartLine: bodyStartLine), diagnostics)
    }

    private static func describe(_ error: YamlError) -> (line: Int, column: Int, message: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return (mark.line, mark.column, detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, context.mark.column, "duplicate keys: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return (1, 1, problem)
        default:
            return (1, 1, "\(error)")
        }
    }
}

/// Where the front matter block stands in a file's text, found on UTF-8 bytes without splitting the whole file into
/// lines: a line feed is always a character of its own, so this finds the lines `split(separator: "\n")` finds.
private struct Block {
    let text: String
    /// The 0-based line of the closing `---` or `...`; nil when the block is not closed.
    let closingLine: Int?
    /// Where the YAML starts (the line after the opening `---`), ends (the line feed before the closing line) and
    /// where the body starts (after the closing line's line feed).
    private let yamlStart: String.Index
    private let yamlEnd: String.Index
    private let bodyStart: String.Index

    /// Nil when the first line is not `---`.
    init?(_ text: String) {
        self.text = text
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineNumber = 0
        var yamlStart = utf8.endIndex
        var closing: (line: Int, start: String.Index, end: String.Index)?
        while true {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            let line = Self.trimmingTrailingSpaces(utf8[lineStart..<lineEnd])
            if lineNumber == 0 {
                guard line.elementsEqual("---".utf8) else { return nil }
                yamlStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
            } else if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                closing = (lineNumber, lineStart, lineEnd)
                break
            }
            guard lineEnd != utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            lineNumber += 1
        }
        self.yamlStart = yamlStart
        if let closing {
            closingLine = closing.line
            // The YAML is lines 1..<closing joined by line feeds: empty when the closing line is line 1.
            yamlEnd = closing.line == 1 ? yamlStart : utf8.index(before: closing.start)
            bodyStart = closing.end == utf8.endIndex ? closing.end : utf8.index(after: closing.end)
        } else {
            closingLine = nil
            yamlEnd = yamlStart
            bodyStart = utf8.endIndex
        }
    }

    var yaml: String { String(text[yamlStart..<yamlEnd]) }
    var body: String { String(text[bodyStart...]) }

    private static func trimmingTrailingSpaces(_ line: Substring.UTF8View) -> Substring.UTF8View {
        var line = line
        while let last = line.last, last == 0x20 || last == 0x09 { line = line.dropLast() }
        return line
    }
}
