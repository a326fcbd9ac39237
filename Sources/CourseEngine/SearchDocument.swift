import Foundation

/// One thing search can find and open: a course, a lesson, or one step of a guided lesson, with its plain text.
public struct SearchDocument: Sendable, Hashable {
    public var courseID: String
    public var courseTitle: String
    /// Nil for the course itself.
    public var lessonID: String?
    public var lessonTitle: String?
    /// The 1-based step number, for a step of a guided lesson.
    public var step: Int?
    /// What the result is called: the course, lesson or step title.
    public var title: String
    /// The readable text, with its accents, extracted from the rendered content.
    public var text: String

    public init(
        courseID: String, courseTitle: String, lessonID: String? = nil, lessonTitle: String? = nil, step: Int? = nil,
        title: String, text: String
    ) {
        self.courseID = courseID
        self.courseTitle = courseTitle
        self.lessonID = lessonID
        self.lessonTitle = lessonTitle
        self.step = step
        self.title = title
        self.text = text
    }

    /// Every course, lesson and step of a catalogue, in catalogue order. A guided lesson's own document holds only
    /// its introduction, so that a word in a step finds the step it is on.
    public static func documents(in catalogue: Catalogue) -> [SearchDocument] {
        // Courses are independent, so their documents are made on every core and joined in catalogue order.
        catalogue.courses.concurrentMap(documents(of:)).flatMap { $0 }
    }

    /// The documents of one course: the course, then each lesson followed by its steps.
    private static func documents(of course: Course) -> [SearchDocument] {
        var documents: [SearchDocument] = []
        documents.append(
            SearchDocument(
                courseID: course.id, courseTitle: course.title, title: course.title,
                text: [course.summary, plainText(fromHTML: course.introHTML)].filter { !$0.isEmpty }
                    .joined(separator: " ")))
        for lesson in course.lessons {
            documents.append(
                SearchDocument(
                    courseID: course.id, courseTitle: course.title, lessonID: lesson.id, lessonTitle: lesson.title,
                    title: lesson.title,
                    text: plainText(fromHTML: lesson.kind == .guided ? lesson.introHTML : lesson.html)))
            for step in lesson.steps {
                documents.append(
                    SearchDocument(
                        courseID: course.id, courseTitle: course.title, lessonID: lesson.id,
                        lessonTitle: lesson.title, step: step.number, title: step.title,
                        text: plainText(fromHTML: step.html)))
            }
        }
        return documents
    }

    /// The text a reader sees in rendered lesson HTML: tags removed, entities decoded, white space collapsed.
    /// Callout titles ("Mẹo", "Lưu ý") are left out, since they repeat on every page and say nothing of it.
    static func plainText(fromHTML html: String) -> String {
        fastPlainText(fromHTML: html) ?? characterPlainText(fromHTML: html)
    }

    /// `plainText(fromHTML:)` on UTF-8 bytes, for HTML each scalar of which is a character of its own (no combining
    /// marks, no CR): then scanning bytes finds what scanning characters finds. Nil for any other HTML.
    static func fastPlainText(fromHTML html: String) -> String? {
        guard html.unicodeScalars.allSatisfy(isStandalone) else { return nil }
        let bytes = Array(html.utf8)
        let count = bytes.count
        var text: [UInt8] = []
        text.reserveCapacity(count)
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&") {
                // An entity is looked for in the next 12 characters, as in `decodeEntity`; here characters are scalars.
                var end = index + 1
                var offset = 1
                while end < count && offset < 12 && bytes[end] != UInt8(ascii: ";") {
                    end += 1
                    while end < count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                    offset += 1
                }
                if offset == 12 { end = count }
                if end < count && bytes[end] == UInt8(ascii: ";"),
                    let decoded = decodeEntityName(Substring(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)))
                {
                    guard decoded.unicodeScalars.allSatisfy(isStandalone) else { return nil }
                    text.append(contentsOf: decoded.utf8)
                    index = end + 1
                } else {
                    text.append(byte)
                    index += 1
                }
            } else if byte == UInt8(ascii: "<") {
                guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: ">")) else {
                    index += 1
                    continue
                }
                let tag = bytes[(index + 1)..<close]
                index = close + 1
                if tag.starts(with: calloutTitleTag) {
                    if let end = firstIndex(of: closingParagraph, in: bytes, from: index) {
                        index = end + closingParagraph.count
                    }
                    text.append(UInt8(ascii: " "))
                    continue
                }
                let name = tag.drop { $0 == UInt8(ascii: "/") }.prefix { byte in
                    (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte >= 0x80
                }
                if name.contains(where: { $0 >= 0x80 }) {
                    // Letters beyond ASCII in a tag name: let the character path judge them.
                    return nil
                }
                if !inlineElements.contains(String(decoding: name, as: UTF8.self).lowercased()) {
                    text.append(UInt8(ascii: " "))
                }
            } else {
                text.append(byte)
                index += 1
            }
        }
        return collapsingWhitespace(text)
    }

    private static let calloutTitleTag = Array("p class=\"callout-title\"".utf8)
    private static let closingParagraph = Array("</p>".utf8)

    /// Whether a scalar always stands as a character of its own, so byte and character scans agree on it: ASCII
    /// but CR, and Latin, Vietnamese, punctuation, currency, letter-like and arrow blocks without combining marks.
    private static func isStandalone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80: return scalar != "\r"
        case 0xA0...0x2FF, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20BF, 0x2100...0x21FF:
            return true
        default: return false
        }
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Words separated by one space, as `split(whereSeparator: \.isWhitespace).joined(separator: " ")` gives for
    /// standalone scalars, whose white space is ASCII's and the no-break space.
    private static func collapsingWhitespace(_ bytes: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let width: Int
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                width = 1
            } else if byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0 {
                width = 2
            } else {
                if pendingSpace && !result.isEmpty { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
                index += 1
                continue
            }
            pendingSpace = true
            index += width
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The original, character by character: the definition `fastPlainText` must match.
    static func characterPlainText(fromHTML html: String) -> String {
        var text = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
            text += rest[..<open]
            rest = rest[open...]
            if rest.first == "&" {
                let (decoded, after) = decodeEntity(rest)
                text += decoded
                rest = after
                continue
            }
            guard let close = rest.firstIndex(of: ">") else {
                rest = rest.dropFirst()
                continue
            }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("p class=\"callout-title\"") {
                if let end = rest.range(of: "</p>") { rest = rest[end.upperBound...] }
                text += " "
                continue
            }
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if !inlineElements.contains(name) { text += " " }
        }
        text += rest
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Elements inside running text: removing their tags must not split the words around them.
    private static let inlineElements: Set<String> = [
        "a", "abbr", "b", "cite", "code", "del", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub",
        "sup", "u",
    ]

    /// Decodes one `&...;` entity at the start of `text`; an unknown one is kept as written.
    private static func decodeEntity(_ text: Substring) -> (String, Substring) {
        guard let semicolon = text.prefix(12).firstIndex(of: ";") else { return ("&", text.dropFirst()) }
        let name = text[text.index(after: text.startIndex)..<semicolon]
        let after = text[text.index(after: semicolon)...]
        guard let decoded = decodeEntityName(name) else { return ("&", text.dropFirst()) }
        return (decoded, after)
    }

    /// What the entity `&name;` stands for, or nil for an unknown one.
    private static func decodeEntityName(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            if name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value =
                    digits.first == "x" || digits.first == "X"
                    ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                if let value, let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
            }
            return nil
        }
    }
}
