/// Question names as Moodle makes them: `clean_question_name` for written names, and `create_default_question_name`
/// (the question text shortened to 80 characters) when a question has no `::name::`.
enum GIFTQuestionName {
    /// Moodle's name for a question whose text gives no name either (`get_string('questionname', 'question')`).
    static let fallback = "Question name"

    /// A written name without HTML tags and surrounding space, at most 255 characters.
    static func clean(_ name: [Unicode.Scalar]) -> String {
        var cleaned = Array(strippingTags(name.filter { $0 != "\0" }).phpTrimmed)
        var trimLength = 251
        while cleaned.count > 255 && trimLength > 0 {
            cleaned = shortened(cleaned, to: trimLength)
            trimLength -= 10
        }
        return cleaned.string
    }

    /// The name made from the question text when the question has none.
    static func make(fromText text: String) -> String {
        let name = clean(shortened(Array(text.unicodeScalars), to: 80))
        return name.isEmpty ? fallback : name
    }

    /// Moodle's `shorten_text`: text longer than `ideal` characters (not counting tags, an entity counting as one)
    /// is cut after the last space or full stop that fits, and `...` is added.
    static func shortened(_ text: [Unicode.Scalar], to ideal: Int) -> [Unicode.Scalar] {
        guard plainLength(text) > ideal else { return text }
        let ending: [Unicode.Scalar] = [".", ".", "."]
        var total = ending.count
        var truncated: [Unicode.Scalar] = []
        for segment in segments(of: text) {
            truncated += segment.tag
            let content = segment.content
            let entities = self.entities(in: content)
            let contentLength = content.count - entities.reduce(0) { $0 + $1.count - 1 }
            guard total + contentLength > ideal else {
                truncated += content
                total += contentLength
                if total >= ideal { break }
                continue
            }
            var left = ideal - total
            var entitiesLength = 0
            for entity in entities {
                guard entity.lowerBound - content.startIndex + 1 - entitiesLength <= left else { break }
                left -= 1
                entitiesLength += entity.count
            }
            let limit = left + entitiesLength
            var breakPosition = limit
            while breakPosition > 0 {
                let offset = content.startIndex + breakPosition
                if offset < content.endIndex {
                    let character = content[offset]
                    if character == "." || character == " " || breaksAnywhere(character) {
                        breakPosition += 1
                        break
                    }
                }
                breakPosition -= 1
            }
            if breakPosition == 0 || breakPosition > limit { breakPosition = limit }
            truncated += content.prefix(breakPosition)
            break
        }
        return truncated + ending
    }

    /// Scripts written without spaces may be cut after any character. Moodle takes any character of 3 or more UTF-8
    /// bytes to be one, which would cut Vietnamese words after letters such as `ế`; binhdan leaves Latin and Greek
    /// letters (U+1D00...U+1FFF) whole.
    private static func breaksAnywhere(_ character: Unicode.Scalar) -> Bool {
        character.value >= 0x800 && !(0x1D00...0x1FFF).contains(character.value)
    }

    /// The length without tags, as `mb_strlen(preg_replace('/<.*?>/', '', $text))` counts it.
    private static func plainLength(_ text: [Unicode.Scalar]) -> Int {
        var length = 0
        var index = 0
        while index < text.count {
            if text[index] == "<",
                let close = text[(index + 1)...].firstIndex(where: { $0 == ">" || $0 == "\n" }), text[close] == ">"
            {
                index = close + 1
            } else {
                length += 1
                index += 1
            }
        }
        return length
    }

    /// The text split into tags and the plain text after each, as `preg_match_all('/(<.+?>)?([^<>]*)/s')` splits
    /// it, except that a `<` or `>` that is not part of a tag stays in the text.
    private static func segments(
        of text: [Unicode.Scalar]
    ) -> [(tag: ArraySlice<Unicode.Scalar>, content: ArraySlice<Unicode.Scalar>)] {
        var nextClosing = [Int](repeating: text.count, count: text.count + 1)
        if !text.isEmpty {
            for index in stride(from: text.count - 1, through: 0, by: -1) {
                nextClosing[index] = text[index] == ">" ? index : nextClosing[index + 1]
            }
        }
        func tagEnd(at index: Int) -> Int? {
            guard text[index] == "<", index + 2 <= text.count, nextClosing[index + 2] < text.count else { return nil }
            return nextClosing[index + 2]
        }
        var segments: [(tag: ArraySlice<Unicode.Scalar>, content: ArraySlice<Unicode.Scalar>)] = []
        var index = 0
        while index < text.count {
            var tag = text[index..<index]
            if let end = tagEnd(at: index) {
                tag = text[index...end]
                index = end + 1
            }
            let contentStart = index
            while index < text.count, tagEnd(at: index) == nil { index += 1 }
            segments.append((tag, text[contentStart..<index]))
        }
        return segments
    }

    /// The ranges of HTML entities (`&amp;`, `&#233;`, `&#xE9;`) in a piece of text.
    private static func entities(in text: ArraySlice<Unicode.Scalar>) -> [Range<Int>] {
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
            isDigit(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
            isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
        }
        func run(from start: Int, _ allowed: (Unicode.Scalar) -> Bool, _ lengths: ClosedRange<Int>) -> Int? {
            var end = start
            while end < text.endIndex, end - start < lengths.upperBound, allowed(text[end]) { end += 1 }
            guard end - start >= lengths.lowerBound, end < text.endIndex, text[end] == ";" else { return nil }
            return end + 1
        }
        var ranges: [Range<Int>] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "&" else {
                index += 1
                continue
            }
            var end = run(from: index + 1, isLetterOrDigit, 2...8)
            if end == nil, index + 1 < text.endIndex, text[index + 1] == "#" {
                end = run(from: index + 2, isDigit, 1...7)
                if end == nil, index + 2 < text.endIndex, text[index + 2] == "x" || text[index + 2] == "X" {
                    end = run(from: index + 3, isHexDigit, 1...6)
                }
            }
            if let end {
                ranges.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// PHP's `strip_tags`: removes `<...>` tags (a `<` inside a tag nests, quotes hide `>`); a `<` followed by white
    /// space is kept, and an unclosed tag runs to the end.
    private static func strippingTags(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var inTag = false
        var depth = 0
        var quote: Unicode.Scalar?
        for (index, scalar) in text.enumerated() {
            let next = index + 1 < text.count ? text[index + 1] : nil
            let beforeSpace = next.map { $0.properties.isWhitespace } ?? false
            guard inTag else {
                if scalar == "<" && !beforeSpace { inTag = true } else { result.append(scalar) }
                continue
            }
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "<" && !beforeSpace {
                depth += 1
            } else if scalar == ">" {
                if depth > 0 { depth -= 1 } else { inTag = false }
            }
        }
        return result
    }
}
