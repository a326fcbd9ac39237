/// The GitHub alert kinds an author can use: `> [!NOTE]`, `> [!TIP]`, `> [!IMPORTANT]`, `> [!WARNING]`, `> [!CAUTION]`.
public enum CalloutKind: String, Sendable, Hashable, CaseIterable {
    case note
    case tip
    case important
    case warning
    case caution
}

/// The visible titles of callouts, in the language of the content.
public struct CalloutTitles: Sendable {
    public var titles: [CalloutKind: String]

    public init(titles: [CalloutKind: String]) {
        self.titles = titles
    }

    public func title(for kind: CalloutKind) -> String {
        titles[kind] ?? kind.rawValue.capitalized
    }

    /// Vietnamese titles, used when the caller has no catalogue of its own.
    public static let vietnamese = CalloutTitles(titles: [
        .note: "Ghi chú", .tip: "Mẹo", .important: "Quan trọng", .warning: "Cảnh báo", .caution: "Thận trọng",
    ])
}
