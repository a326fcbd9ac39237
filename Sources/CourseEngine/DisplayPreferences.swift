/// How a learner likes pages shown: text size and contrast. Kept in a cookie on the device and, for a signed-in
/// learner, with their account, as a short token such as `large.high`.
public struct DisplayPreferences: Sendable, Hashable, Codable {
    public enum TextSize: String, Sendable, Hashable, Codable, CaseIterable {
        case normal, large, larger
    }

    public enum Contrast: String, Sendable, Hashable, Codable, CaseIterable {
        case normal, high
    }

    public var textSize: TextSize
    public var contrast: Contrast

    public init(textSize: TextSize = .normal, contrast: Contrast = .normal) {
        self.textSize = textSize
        self.contrast = contrast
    }

    /// Reads a token written by `token`; nil for anything else.
    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let size = TextSize(rawValue: String(parts[0])), let contrast = Contrast(rawValue: String(parts[1]))
        else { return nil }
        self.init(textSize: size, contrast: contrast)
    }

    public var token: String { "\(textSize.rawValue).\(contrast.rawValue)" }
}
