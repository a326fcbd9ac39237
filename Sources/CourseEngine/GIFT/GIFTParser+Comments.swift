extension GIFTParser {
    /// The `[id:...]` and `[tag:...]` written in a question's comment lines, as Moodle's
    /// `extract_idnumber_and_tags_from_comment` finds them: the first id, every tag, `\]` standing for `]`.
    static func idNumberAndTags(in comments: [Unicode.Scalar]) -> (idNumber: String?, tags: [String]) {
        guard !comments.isEmpty else { return (nil, []) }
        var idNumber: String?
        var start = 0
        while idNumber == nil, let token = find("[id:", in: comments, from: start) {
            if let end = tokenEnd(in: comments, from: token.contentStart, allowsEmpty: false, excluded: ["]"]) {
                idNumber = unescaped(comments[token.contentStart..<end])
            }
            start = token.start + 1
        }
        var tags: [String] = []
        start = 0
        while let token = find("[tag:", in: comments, from: start) {
            if let end = tokenEnd(
                in: comments, from: token.contentStart, allowsEmpty: true, excluded: ["]", "<", ">", "`"])
            {
                let tag = unescaped(comments[token.contentStart..<end])
                if !tag.isEmpty { tags.append(tag) }
                start = end + 1
            } else {
                start = token.start + 1
            }
        }
        return (idNumber?.isEmpty == false ? idNumber : nil, tags)
    }

    private static func find(
        _ opening: String, in text: [Unicode.Scalar], from start: Int
    ) -> (start: Int, contentStart: Int)? {
        let wanted = Array(opening.unicodeScalars)
        var index = start
        while index + wanted.count <= text.count {
            if text[index..<(index + wanted.count)].elementsEqual(wanted) { return (index, index + wanted.count) }
            index += 1
        }
        return nil
    }

    /// Where the closing `]` of a token is, matching Moodle's pattern `((?:\\]|[^]...[:cntrl:]])+)]`: escaped
    /// brackets and allowed characters, backtracking to the last `\]` when no plain `]` ends the run.
    private static func tokenEnd(
        in text: [Unicode.Scalar], from start: Int, allowsEmpty: Bool, excluded: Set<Unicode.Scalar>
    ) -> Int? {
        var index = start
        while index < text.count {
            if text[index] == "\\", index + 1 < text.count, text[index + 1] == "]" {
                index += 2
            } else if !excluded.contains(text[index]), text[index].value >= 0x20, text[index].value != 0x7F {
                index += 1
            } else {
                break
            }
        }
        if index < text.count, text[index] == "]", index > start || allowsEmpty { return index }
        return (start..<index).last { text[$0] == "]" && $0 > start }
    }

    private static func unescaped(_ token: ArraySlice<Unicode.Scalar>) -> String {
        var result: [Unicode.Scalar] = []
        for scalar in token.phpTrimmed {
            if scalar == "]", result.last == "\\" { result.removeLast() }
            result.append(scalar)
        }
        return result.string
    }
}
