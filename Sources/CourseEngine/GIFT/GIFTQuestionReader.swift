/// Reads one question block, following Moodle's `qformat_gift::readquestion` step by step.
struct GIFTQuestionReader {
    enum Outcome {
        /// The block held only comments.
        case nothing
        /// A `$CATEGORY:` line: the questions after it go into this category.
        case category(String)
        case question(Question)
    }

    let block: GIFTBlock
    /// Problems that do not stop the question from being read.
    private(set) var warnings: [GIFTProblem] = []

    init(_ block: GIFTBlock) {
        self.block = block
    }

    /// What the block says, or the first problem that keeps it from being a question.
    mutating func read() throws(GIFTProblem) -> Outcome {
        var text = block.glyphs[...].trimmed
        guard !text.isEmpty else { return .nothing }
        if text.hasControlPrefix("$CATEGORY:") {
            return .category(try category(from: text.dropFirst(10)))
        }

        var explicitName: String?
        if text.hasControlPrefix("::") {
            let opening = text[text.startIndex].position
            guard let closing = text.firstIndex(ofControls: "::", from: text.startIndex + 2) else {
                throw GIFTProblem(
                    "expected '::' to close the question name that starts at \(opening)",
                    at: text[text.endIndex - 1].positionAfter)
            }
            let name = GIFTQuestionName.clean(text[(text.startIndex + 2)..<closing].scalars)
            explicitName = name.isEmpty ? nil : name
            text = text[(closing + 2)...].trimmed
        }

        let braces = try answerBraces(in: text)
        var questionGlyphs = text
        var answer = text[text.endIndex...]
        var generalFeedback = text[text.endIndex...]
        if let (open, close) = braces {
            let after = text[(close + 1)...]
            var remaining = Array(text[..<open])
            if !after.isEmpty {
                // The missing-word form: the answers stand inside the sentence.
                let at = text[open]
                remaining += "_____".unicodeScalars.map { GIFTGlyph($0, line: Int(at.line), column: Int(at.column)) }
                remaining += after
            }
            questionGlyphs = remaining[...]
            answer = text[(open + 1)..<close].trimmed
            if let separator = lastGeneralFeedbackSeparator(in: answer) {
                generalFeedback = answer[(separator + 4)...]
                answer = answer[..<separator].trimmed
            }
        }

        let questionText = GIFTParser.formattedText(questionGlyphs, defaultFormat: .moodle)
        let (idNumber, tags) = GIFTParser.idNumberAndTags(in: block.comments)
        var question = Question(
            type: .description,
            name: explicitName ?? GIFTQuestionName.make(fromText: questionText.text),
            text: questionText,
            generalFeedback: GIFTParser.formattedText(generalFeedback, defaultFormat: questionText.format),
            idNumber: idNumber,
            tags: tags,
            line: block.firstLine)
        guard let (open, _) = braces else { return .question(question) }
        var answers = GIFTAnswerReader(
            glyphs: answer, format: questionText.format, blockStart: text[open].position)
        defer { warnings += answers.warnings }
        try answers.fill(&question)
        return .question(question)
    }

    /// The category named on a `$CATEGORY:` line, which must stand alone in its block.
    private func category(from rest: GIFTGlyphs) throws(GIFTProblem) -> String {
        let lineEnd = rest.firstIndex(ofControl: "\n") ?? rest.endIndex
        if let extra = rest[lineEnd...].first(where: { !$0.isStructuralWhitespace }) {
            throw GIFTProblem("expected a blank line after the '$CATEGORY:' line", at: extra.position)
        }
        let name = rest[..<lineEnd].text
        guard !name.isEmpty else {
            throw GIFTProblem(
                "expected a category name after '$CATEGORY:'", at: rest.first?.position ?? block.glyphs[0].position)
        }
        return name
    }

    /// The indices of the answer block's `{` and `}`, nil when there is none (a description), or the brace that
    /// breaks the rule of one block per question.
    private func answerBraces(in text: GIFTGlyphs) throws(GIFTProblem) -> (Int, Int)? {
        var open: Int?
        var close: Int?
        for index in text.indices where !text[index].escaped {
            let glyph = text[index]
            if glyph.scalar == "{" {
                if let open, close == nil {
                    throw GIFTProblem(
                        "unexpected '{' inside the answer block that starts at \(text[open].position);"
                            + " write '\\{' for a literal '{'", at: glyph.position)
                }
                if let open {
                    throw GIFTProblem(
                        "unexpected second answer block; a question has one, which starts at \(text[open].position)"
                            + " (write '\\{' for a literal '{')", at: glyph.position)
                }
                open = index
            } else if glyph.scalar == "}" {
                guard open != nil, close == nil else {
                    throw GIFTProblem(
                        "unexpected '}' without an opening '{' (write '\\}' for a literal '}')", at: glyph.position)
                }
                close = index
            }
        }
        switch (open, close) {
        case (let open?, let close?):
            return (open, close)
        case (let open?, nil):
            throw GIFTProblem(
                "expected '}' to close the answer block that starts at \(text[open].position)",
                at: text[text.endIndex - 1].positionAfter)
        default:
            return nil
        }
    }

    /// Where the last `####` starts, which puts general feedback after it (Moodle's `strrpos`).
    private func lastGeneralFeedbackSeparator(in answer: GIFTGlyphs) -> Int? {
        var index = answer.endIndex - 4
        while index >= answer.startIndex {
            if (0..<4).allSatisfy({ answer[index + $0].isControl("#") }) { return index }
            index -= 1
        }
        return nil
    }
}

extension GIFTParser {
    /// Moodle's `parse_text_with_format`: a leading `[html]`, `[moodle]`, `[plain]` or `[markdown]` sets the format.
    static func formattedText(_ glyphs: GIFTGlyphs, defaultFormat: TextFormat) -> FormattedText {
        if let first = glyphs.first, first.isControl("["),
            let end = glyphs.firstIndex(ofControl: "]"),
            let format = TextFormat(rawValue: glyphs[(glyphs.startIndex + 1)..<end].scalars.string)
        {
            return FormattedText(glyphs[(end + 1)...].text, format: format)
        }
        return FormattedText(glyphs.text, format: defaultFormat)
    }
}
