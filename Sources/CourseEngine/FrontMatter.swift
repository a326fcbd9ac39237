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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            return (
                nil,
                [.error("missing front matter: the file must start with a line '---', then 'key: value' lines, then '---'", file: file)]
            )
        }
        guard let closing = lines.dropFirst().firstIndex(where: { ["---", "..."].contains($0.trimmingTrailingSpaces) })
        else {
            return (nil, [.error("the front matter that starts at line 1 is not closed by a line '---'", file: file)])
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        let bodyStartLine = closing + 2
        // Positions Yams reports count from the line after the opening '---'.
        let lineOffset = 1

        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            var (line, column, message) = describe(error)
            if case .duplicatedKeysInMapping(let duplicates, _) = error, let key = duplicates.first,
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

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
