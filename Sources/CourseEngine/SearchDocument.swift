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
        var documents: [SearchDocument] = []
        for course in catalogue.courses {
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
        }
        return documents
    }

    /// The text a reader sees in rendered lesson HTML: tags removed, entities decoded, white space collapsed.
    /// Callout titles ("Mẹo", "Lưu ý") are left out, since they repeat on every page and say nothing of it.
    static func plainText(fromHTML html: String) -> String {
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
        switch name {
        case "amp": return ("&", after)
        case "lt": return ("<", after)
        case "gt": return (">", after)
        case "quot": return ("\"", after)
        case "apos": return ("'", after)
        case "nbsp": return (" ", after)
        default:
            if name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value =
                    digits.first == "x" || digits.first == "X"
                    ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                if let value, let scalar = Unicode.Scalar(value) { return (String(Character(scalar)), after) }
            }
            return ("&", text.dropFirst())
        }
    }
}
