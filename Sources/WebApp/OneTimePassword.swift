/// Passwords the server makes for new accounts, to be changed at first use.
enum OneTimePassword {
    /// 14 characters from an alphabet without look-alikes (about 80 bits).
    static func generate() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<14).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
