/// One character of a GIFT question block after backslash escapes are resolved, with the place it was written.
struct GIFTGlyph: Sendable, Equatable {
    let scalar: Unicode.Scalar
    /// Written with a backslash (`\~`, `\{`, `\\`, `\n`...), so it is never a control character.
    let escaped: Bool
    let line: Int
    let column: Int

    init(_ scalar: Unicode.Scalar, escaped: Bool = false, line: Int, column: Int) {
        self.scalar = scalar
        self.escaped = escaped
        self.line = line
        self.column = column
    }

    var position: GIFTPosition { GIFTPosition(line: line, column: column) }

    /// Where the character after this one starts: an escape takes two columns.
    var positionAfter: GIFTPosition { GIFTPosition(line: line, column: column + (escaped ? 2 : 1)) }

    /// True when this is `character` written plainly, so it may act as GIFT syntax.
    func isControl(_ character: Unicode.Scalar) -> Bool { !escaped && scalar == character }

    /// True for white space as Moodle trims it before escapes are resolved (an escaped `\n` is not white space yet).
    var isStructuralWhitespace: Bool { !escaped && scalar.isPHPWhitespace }
}

/// A line and column in a GIFT file, both 1-based; columns count Unicode scalars.
struct GIFTPosition: Sendable, Equatable, CustomStringConvertible {
    var line: Int
    var column: Int

    var description: String { "\(line):\(column)" }
}

/// A problem that stops one question block from being read.
struct GIFTProblem: Error, Sendable, Equatable {
    var message: String
    var position: GIFTPosition

    init(_ message: String, at position: GIFTPosition) {
        self.message = message
        self.position = position
    }
}

typealias GIFTGlyphs = ArraySlice<GIFTGlyph>

extension Unicode.Scalar {
    /// The characters PHP's `trim()` removes: space, tab, line feed, carriage return, NUL and vertical tab.
    var isPHPWhitespace: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x00, 0x0B: true
        default: false
        }
    }
}

extension ArraySlice where Element == Unicode.Scalar {
    /// Without the characters PHP's `trim()` removes at either end.
    var phpTrimmed: ArraySlice<Unicode.Scalar> {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isPHPWhitespace { start += 1 }
        while end > start, self[end - 1].isPHPWhitespace { end -= 1 }
        return self[start..<end]
    }

    var string: String {
        var view = String.UnicodeScalarView()
        for scalar in self { view.append(scalar) }
        return String(view)
    }
}

extension Array where Element == Unicode.Scalar {
    var phpTrimmed: ArraySlice<Unicode.Scalar> { self[...].phpTrimmed }

    var string: String { self[...].string }
}

extension ArraySlice where Element == GIFTGlyph {
    /// Without unescaped white space at either end, as Moodle trims a block's parts.
    var trimmed: GIFTGlyphs {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isStructuralWhitespace { start += 1 }
        while end > start, self[end - 1].isStructuralWhitespace { end -= 1 }
        return self[start..<end]
    }

    /// The characters written, escapes resolved, not trimmed.
    var scalars: [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(count)
        for glyph in self { scalars.append(glyph.scalar) }
        return scalars
    }

    /// The finished text: escapes resolved, then trimmed as Moodle trims text after resolving escapes.
    var text: String { scalars.phpTrimmed.string }

    /// The index of the first unescaped `character` at or after `start`.
    func firstIndex(ofControl character: Unicode.Scalar, from start: Int? = nil) -> Int? {
        var index = Swift.max(start ?? startIndex, startIndex)
        while index < endIndex {
            if self[index].isControl(character) { return index }
            index += 1
        }
        return nil
    }

    /// True when the block holds `character` unescaped.
    func containsControl(_ character: Unicode.Scalar) -> Bool { firstIndex(ofControl: character) != nil }

    /// The index where the unescaped sequence `sequence` (such as `::` or `->`) first starts, at or after `start`.
    func firstIndex(ofControls sequence: String, from start: Int? = nil) -> Int? {
        let wanted = Array(sequence.unicodeScalars)
        guard let head = wanted.first else { return nil }
        var index = Swift.max(start ?? startIndex, startIndex)
        while index + wanted.count <= endIndex {
            if self[index].isControl(head), hasControls(wanted, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// True when the glyphs start with `sequence`, written without escapes.
    func hasControlPrefix(_ sequence: String) -> Bool {
        hasControls(Array(sequence.unicodeScalars), at: startIndex)
    }

    private func hasControls(_ wanted: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= startIndex, index + wanted.count <= endIndex else { return false }
        for (offset, scalar) in wanted.enumerated() where !self[index + offset].isControl(scalar) { return false }
        return true
    }

    /// True when the glyphs spell exactly `word`, with no escapes.
    func spells(_ word: String) -> Bool {
        count == word.unicodeScalars.count && hasControlPrefix(word)
    }

    /// The parts between unescaped `separators`, at most `limit` of them, like PHP's `explode`.
    func split(atControl separator: Unicode.Scalar, limit: Int = .max) -> [GIFTGlyphs] {
        var parts: [GIFTGlyphs] = []
        var start = startIndex
        var index = startIndex
        while index < endIndex, parts.count < limit - 1 {
            if self[index].isControl(separator) {
                parts.append(self[start..<index])
                start = index + 1
            }
            index += 1
        }
        parts.append(self[start..<endIndex])
        return parts
    }

    /// A short quotation of the glyphs for messages.
    var excerpt: String {
        let words = scalars.phpTrimmed
        let short = words.prefix(30).map { $0 == "\n" ? " " : $0 }.string
        return words.count > 30 ? short + "..." : short
    }
}
