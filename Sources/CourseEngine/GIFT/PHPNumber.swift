import Foundation

/// Numbers as PHP reads them from text, so numerical answers and weights mean what they mean in Moodle.
enum PHPNumber {
    /// The value of a numeric string as PHP's `is_numeric` accepts it (`3`, `-2.5`, `.5`, `5.`, `1e3`, with white
    /// space around), or nil.
    static func value(of text: String) -> Double? {
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C]
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, whitespace.contains(first) { bytes.removeFirst() }
        while let last = bytes.last, whitespace.contains(last) { bytes.removeLast() }
        var index = bytes.startIndex
        func digits() -> Substring {
            let start = index
            while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return Substring(decoding: bytes[start..<index], as: UTF8.self)
        }
        var sign = ""
        if index < bytes.endIndex, bytes[index] == 0x2B || bytes[index] == 0x2D {
            sign = bytes[index] == 0x2D ? "-" : ""
            index += 1
        }
        let whole = digits()
        var fraction: Substring = ""
        if index < bytes.endIndex, bytes[index] == 0x2E {
            index += 1
            fraction = digits()
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        var exponent = ""
        if index < bytes.endIndex, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            var exponentSign = ""
            if index < bytes.endIndex, bytes[index] == 0x2B || bytes[index] == 0x2D {
                exponentSign = bytes[index] == 0x2D ? "-" : ""
                index += 1
            }
            let exponentDigits = digits()
            guard !exponentDigits.isEmpty else { return nil }
            exponent = "e\(exponentSign)\(exponentDigits)"
        }
        guard index == bytes.endIndex else { return nil }
        let normalised = "\(sign)\(whole.isEmpty ? "0" : whole).\(fraction.isEmpty ? "0" : fraction)\(exponent)"
        guard let value = Double(normalised), value.isFinite else { return nil }
        return value == 0 ? 0 : value
    }

    /// A number written as PHP writes a float into text (14 significant digits), for the middle of a range.
    static func text(of value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.14G", value)
    }
}
