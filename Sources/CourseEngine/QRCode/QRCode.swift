/// A QR Code symbol (ISO/IEC 18004, model 2) holding UTF-8 text in byte mode, such as a certificate's verification URL.
public struct QRCode: Sendable {
    /// How much of the symbol may be damaged and still read: about 7, 15, 25 or 30 per cent.
    public enum ErrorCorrection: Sendable, CaseIterable {
        case low, medium, quartile, high
    }

    /// Why a text cannot be made into a QR Code.
    public enum Error: Swift.Error, Equatable, Sendable {
        /// The text needs more than a version 40 symbol holds at the chosen error correction.
        case tooLong
    }

    /// The symbol version, 1...40; each version adds four modules per side.
    public let version: Int
    /// Modules per side, `17 + 4 * version`, not counting the quiet zone.
    public let size: Int
    /// The data mask applied, 0...7.
    public let mask: Int
    /// The error correction level the symbol was made with.
    public let errorCorrection: ErrorCorrection
    /// Row-major, `size * size`; true is dark.
    private let modules: [Bool]

    /// Encodes bytes (UTF-8 text) in byte mode, choosing the smallest version (1...40) that fits, and the best mask by
    /// the standard penalty rules.
    public init(text: String, errorCorrection: ErrorCorrection = .medium) throws(QRCode.Error) {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection, version: nil, mask: nil)
    }

    /// Encodes with a forced mask, so tests can compare symbols with other encoders module for module.
    init(text: String, errorCorrection: ErrorCorrection, mask: Int) throws(QRCode.Error) {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection, version: nil, mask: mask)
    }

    /// Encodes `bytes` at `version` (or the smallest that fits) with `mask` (or the lowest-penalty one).
    init(bytes: [UInt8], errorCorrection: ErrorCorrection, version: Int?, mask: Int?) throws(QRCode.Error) {
        precondition(mask.map { (0...7).contains($0) } ?? true, "QR Code masks are numbered 0...7")
        precondition(version.map { (1...40).contains($0) } ?? true, "QR Code versions are numbered 1...40")
        guard let version = version ?? Self.smallestVersion(fitting: bytes.count, errorCorrection: errorCorrection),
            Self.fits(byteCount: bytes.count, version: version, errorCorrection: errorCorrection)
        else { throw .tooLong }

        let data = Self.dataCodewords(bytes, version: version, errorCorrection: errorCorrection)
        var unmasked = Matrix(version: version)
        unmasked.place(Self.finalCodewords(data, version: version, errorCorrection: errorCorrection))

        let chosen = mask ?? unmasked.lowestPenaltyMask(errorCorrection: errorCorrection)
        self.version = version
        self.size = unmasked.size
        self.mask = chosen
        self.errorCorrection = errorCorrection
        self.modules = unmasked.masked(chosen, errorCorrection: errorCorrection).dark
    }

    /// Whether the module at column `x`, row `y` (from the top left, 0-based) is dark; outside the symbol is light.
    public func isDark(x: Int, y: Int) -> Bool {
        x >= 0 && x < size && y >= 0 && y < size && modules[y * size + x]
    }
}
