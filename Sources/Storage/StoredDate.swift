import Foundation

/// Dates as GRDB stores them ("yyyy-MM-dd HH:mm:ss.SSS", UTC, to the nearest millisecond), written without
/// `DateFormatter`: GRDB formats every `Date` argument through ICU, which was a tenth of the progress writer's time.
/// Used by the progress writer and the synthetic fill; everything else binds `Date` as usual, and both read back alike.
enum StoredDate {
    static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds.floorDivided(by: 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int, at offset: Int, digits: Int) {
            var value = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[index] = UInt8(48 + value % 10)
                value /= 10
            }
        }
        put(Int(parts.tm_year) + 1900, at: 0, digits: 4)
        bytes[4] = 45  // -
        put(Int(parts.tm_mon) + 1, at: 5, digits: 2)
        bytes[7] = 45
        put(Int(parts.tm_mday), at: 8, digits: 2)
        bytes[10] = 32  // space
        put(Int(parts.tm_hour), at: 11, digits: 2)
        bytes[13] = 58  // :
        put(Int(parts.tm_min), at: 14, digits: 2)
        bytes[16] = 58
        put(Int(parts.tm_sec), at: 17, digits: 2)
        bytes[19] = 46  // .
        put(Int(milliseconds - Int64(seconds) * 1000), at: 20, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
