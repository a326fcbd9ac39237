/// Reads the inside of one answer block `{...}`: which kind of question it makes, and its answers.
struct GIFTAnswerReader {
    /// The block's text, trimmed, without its general feedback.
    let glyphs: GIFTGlyphs
    /// The question text's format, which answers and feedback take unless they name their own.
    let format: TextFormat
    /// Where the `{` stands, for problems with the block as a whole.
    let blockStart: GIFTPosition
    private(set) var warnings: [GIFTProblem] = []

    init(glyphs: GIFTGlyphs, format: TextFormat, blockStart: GIFTPosition) {
        self.glyphs = glyphs
        self.format = format
        self.blockStart = blockStart
    }

    /// Sets the question's type and answers, deciding the type in Moodle's order.
    mutating func fill(_ question: inout Question) throws(GIFTProblem) {
        guard let first = glyphs.first else {
            question.type = .essay
            return
        }
        if first.isControl("#") {
            question.type = .numerical
            question.answers = try numericalAnswers()
        } else if glyphs.containsControl("~") {
            question.type = .multichoice
            question.single = glyphs.containsControl("=")
            question.answers = try multipleChoiceAnswers()
        } else if glyphs.containsControl("="), glyphs.firstIndex(ofControls: "->") != nil {
            question.type = .matching
            question.pairs = try matchingPairs()
        } else if isTrueFalse {
            question.type = .truefalse
            let bits = glyphs.split(atControl: "#", limit: 3)
            let isTrue = bits[0].trimmed.spells("T") || bits[0].trimmed.spells("TRUE")
            // The first feedback is for a wrong response, the second for a right one.
            let wrong = bits.count > 1 ? formattedText(bits[1].trimmed) : FormattedText("", format: format)
            let right = bits.count > 2 ? formattedText(bits[2].trimmed) : FormattedText("", format: format)
            question.correct = isTrue
            question.feedbackTrue = isTrue ? right : wrong
            question.feedbackFalse = isTrue ? wrong : right
        } else {
            question.type = .shortanswer
            question.answers = try shortAnswers()
        }
    }

    private var isTrueFalse: Bool {
        var word = glyphs
        if let hash = glyphs.firstIndex(ofControl: "#"), hash > glyphs.startIndex { word = glyphs[..<hash].trimmed }
        return ["T", "TRUE", "F", "FALSE"].contains { word.spells($0) }
    }

    // MARK: - Kinds of question

    private mutating func multipleChoiceAnswers() throws(GIFTProblem) -> [Answer] {
        var pieces = Self.pieces(of: glyphs, splitAt: ["~", "="])
        let lead = pieces.removeFirst().body.trimmed
        if let stray = lead.first {
            throw GIFTProblem("expected '~' or '=' before '\(lead.excerpt)'", at: stray.position)
        }
        guard pieces.count >= 2 else {
            throw GIFTProblem("a multiple-choice question needs at least 2 answers", at: blockStart)
        }
        var answers: [Answer] = []
        for piece in pieces {
            guard let marker = piece.marker else { continue }
            let body = piece.body.trimmed
            var fraction = 0.0
            var rest = body
            if marker.scalar == "=" {
                if Self.weightSyntax(of: body) != nil {
                    throw GIFTProblem(
                        "'=' marks a right answer (100%); write a partial weight after '~', as in '~%50%...'",
                        at: marker.position)
                }
                fraction = 1
            } else if let weight = try weight(of: body) {
                fraction = weight.fraction
                rest = weight.rest
            }
            let (text, feedback) = comment(rest)
            guard !text.text.isEmpty else {
                throw GIFTProblem("expected an answer after '\(marker.scalar)'", at: marker.position)
            }
            answers.append(Answer(text: text, fraction: fraction, feedback: feedback))
        }
        return answers
    }

    private mutating func shortAnswers() throws(GIFTProblem) -> [Answer] {
        let pieces = Self.dropEmptyLead(Self.pieces(of: glyphs, splitAt: ["="]))
        guard !pieces.isEmpty else {
            throw GIFTProblem("a short-answer question needs at least 1 answer", at: blockStart)
        }
        var answers: [Answer] = []
        for piece in pieces {
            let (fraction, text, feedback) = try weightedAnswer(piece.body.trimmed)
            guard !text.text.isEmpty else {
                throw GIFTProblem("expected an answer after '='", at: piece.marker?.position ?? blockStart)
            }
            answers.append(Answer(text: text, fraction: fraction, feedback: feedback))
        }
        return answers
    }

    /// An answer of a short-answer or numerical block: an optional `%weight%` (full credit without one), the answer,
    /// and its `#feedback`.
    private mutating func weightedAnswer(_ body: GIFTGlyphs) throws(GIFTProblem) -> (Double, FormattedText, FormattedText) {
        guard let weight = try weight(of: body) else {
            let (text, feedback) = comment(body)
            return (1.0, text, feedback)
        }
        let (text, feedback) = comment(weight.rest)
        return (weight.fraction, text, feedback)
    }

    private func matchingPairs() throws(GIFTProblem) -> [MatchPair] {
        let pieces = Self.dropEmptyLead(Self.pieces(of: glyphs, splitAt: ["="]))
        guard pieces.count >= 2 else {
            throw GIFTProblem("a matching question needs at least 2 pairs", at: blockStart)
        }
        var pairs: [MatchPair] = []
        for piece in pieces {
            let body = piece.body.trimmed
            guard let arrow = body.firstIndex(ofControls: "->") else {
                throw GIFTProblem(
                    "a matching pair needs '->' between the prompt and its answer",
                    at: piece.marker?.position ?? body.first?.position ?? blockStart)
            }
            let answer = body[(arrow + 2)...].text
            guard !answer.isEmpty else {
                throw GIFTProblem("a matching pair needs an answer after '->'", at: body[arrow].position)
            }
            pairs.append(MatchPair(question: formattedText(body[..<arrow]), answer: answer))
        }
        return pairs
    }

    private mutating func numericalAnswers() throws(GIFTProblem) -> [Answer] {
        var body = glyphs.dropFirst()
        var catchAll: GIFTGlyphs?
        if let tilde = body.firstIndex(ofControl: "~") {
            catchAll = body[(tilde + 1)...]
            body = body[..<tilde]
        }
        let pieces = Self.dropEmptyLead(Self.pieces(of: body, splitAt: ["="]))
        guard !pieces.isEmpty else {
            throw GIFTProblem("a numerical question needs at least one number, as in '{#3:0.5}'", at: blockStart)
        }
        var answers: [Answer] = []
        for piece in pieces {
            let body = piece.body.trimmed
            let (fraction, text, feedback) = try weightedAnswer(body)
            let position = body.first?.position ?? piece.marker?.position ?? blockStart
            let (number, tolerance) = try Self.number(Array(text.text.unicodeScalars), at: position)
            answers.append(
                Answer(
                    text: FormattedText(number, format: text.format), fraction: fraction, feedback: feedback,
                    tolerance: tolerance))
        }
        if let catchAll {
            let bits = catchAll.split(atControl: "#", limit: 2)
            if let stray = bits[0].trimmed.first {
                throw GIFTProblem(
                    "after '~' a numerical question takes only feedback for any other number, as in '~#...'",
                    at: stray.position)
            }
            let feedback = bits.count > 1 ? formattedText(bits[1].trimmed) : FormattedText("", format: format)
            answers.append(
                Answer(text: FormattedText("*", format: format), fraction: 0, feedback: feedback, tolerance: 0))
        }
        return answers
    }

    /// One numerical answer, written `3`, `3:0.5` (with a tolerance), `1..5` (a range) or `*` (any number).
    private static func number(
        _ written: [Unicode.Scalar], at position: GIFTPosition
    ) throws(GIFTProblem) -> (text: String, tolerance: Double) {
        let notNumbers = GIFTProblem(
            "numerical answers must be numbers, as in '3', '3:0.5' or '1..5'; found '\(written.string)'", at: position)
        if let dots = written.indices.first(where: {
            $0 + 1 < written.count && written[$0] == "." && written[$0 + 1] == "."
        }),
            dots > 0
        {
            guard let low = PHPNumber.value(of: written[..<dots].phpTrimmed.string),
                let high = PHPNumber.value(of: written[(dots + 2)...].phpTrimmed.string)
            else { throw notNumbers }
            guard low <= high else {
                throw GIFTProblem("a range goes from the smaller number to the larger, as in '1..5'", at: position)
            }
            let middle = (high + low) / 2
            return (PHPNumber.text(of: middle), high - middle)
        }
        var answer = written[...]
        var tolerance = 0.0
        if let colon = written.firstIndex(of: ":"), colon > 0 {
            answer = written[..<colon].phpTrimmed
            guard let value = PHPNumber.value(of: written[(colon + 1)...].phpTrimmed.string) else { throw notNumbers }
            guard value >= 0 else { throw GIFTProblem("a tolerance cannot be negative", at: position) }
            tolerance = value
        }
        let text = answer.string
        guard text == "*" || PHPNumber.value(of: text) != nil else { throw notNumbers }
        return (text, tolerance)
    }

    // MARK: - Pieces of answers

    /// One answer of a block: the `~` or `=` that starts it (nil for text before the first one) and what follows.
    private struct Piece {
        var marker: GIFTGlyph?
        var body: GIFTGlyphs
    }

    private static func pieces(of glyphs: GIFTGlyphs, splitAt markers: Set<Unicode.Scalar>) -> [Piece] {
        var pieces: [Piece] = []
        var marker: GIFTGlyph?
        var start = glyphs.startIndex
        for index in glyphs.indices where !glyphs[index].escaped && markers.contains(glyphs[index].scalar) {
            pieces.append(Piece(marker: marker, body: glyphs[start..<index]))
            marker = glyphs[index]
            start = index + 1
        }
        pieces.append(Piece(marker: marker, body: glyphs[start...]))
        return pieces
    }

    /// Moodle drops the text before the first `=` when it is blank and otherwise reads it as an answer.
    private static func dropEmptyLead(_ pieces: [Piece]) -> [Piece] {
        guard let lead = pieces.first, lead.marker == nil, lead.body.trimmed.isEmpty else { return pieces }
        return Array(pieces.dropFirst())
    }

    /// Moodle's `commentparser`: the answer, then its feedback after the first `#`.
    private func comment(_ glyphs: GIFTGlyphs) -> (answer: FormattedText, feedback: FormattedText) {
        let bits = glyphs.split(atControl: "#", limit: 2)
        let feedback = bits.count > 1 ? formattedText(bits[1].trimmed) : FormattedText("", format: format)
        return (formattedText(bits[0].trimmed), feedback)
    }

    private func formattedText(_ glyphs: GIFTGlyphs) -> FormattedText {
        GIFTParser.formattedText(glyphs, defaultFormat: format)
    }

    // MARK: - Weights

    private struct Weight {
        var fraction: Double
        var rest: GIFTGlyphs
    }

    /// How Moodle's pattern `/^%\-*([0-9]{1,2})\.?([0-9]*)%/` matches: the minus signs, the number and where the
    /// closing `%` is.
    private static func weightSyntax(of body: GIFTGlyphs) -> (minusSigns: Int, number: String, closing: Int)? {
        guard let first = body.first, first.isControl("%") else { return nil }
        var index = body.startIndex + 1
        var minusSigns = 0
        while index < body.endIndex, body[index].isControl("-") {
            minusSigns += 1
            index += 1
        }
        let numberStart = index
        while index < body.endIndex, !body[index].escaped,
            ("0"..."9").contains(body[index].scalar) || body[index].scalar == "."
        {
            index += 1
        }
        let number = body[numberStart..<index].scalars
        let dots = number.indices.filter { number[$0] == "." }
        guard index < body.endIndex, body[index].isControl("%"),
            let head = number.first, head != ".",
            dots.count <= 1, dots.allSatisfy({ $0 == 1 || $0 == 2 })
        else { return nil }
        return (minusSigns, number.string, index)
    }

    /// The weight at the start of an answer (`%50%`, `%-100%`), as Moodle's `answerweightparser` reads it.
    private mutating func weight(of body: GIFTGlyphs) throws(GIFTProblem) -> Weight? {
        guard let first = body.first, first.isControl("%") else { return nil }
        guard let syntax = Self.weightSyntax(of: body) else {
            warnings.append(
                GIFTProblem(
                    "this answer starts with '%' but no weight such as '%50%' follows; it is read as answer text",
                    at: first.position))
            return nil
        }
        guard syntax.minusSigns <= 1 else {
            throw GIFTProblem("expected a weight such as '%50%' or '%-50%', with one '-' at most", at: first.position)
        }
        let percent = PHPNumber.value(of: syntax.number) ?? 0
        guard percent <= 100 else {
            throw GIFTProblem("a weight must be between -100% and 100%", at: first.position)
        }
        let fraction = percent == 0 ? 0 : (syntax.minusSigns == 1 ? -percent : percent) / 100
        return Weight(fraction: fraction, rest: body[(syntax.closing + 1)...])
    }
}
