/// Reed–Solomon error correction over GF(256) with the QR Code field polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D).
enum ReedSolomon {
    /// Powers of α = 2, twice over so products of two logarithms need no modulo.
    private static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value > 0xFF { value ^= 0x11D }
        }
        return table
    }()

    private static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 { table[Int(exponents[power])] = power }
        return table
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }

    /// The generator polynomial (x - α⁰)(x - α¹)…(x - α^(degree-1)), highest power first, without its leading 1.
    static func generator(degree: Int) -> [UInt8] {
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                coefficients[index] = multiply(coefficients[index], root)
                if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
            }
            root = multiply(root, 2)
        }
        return coefficients
    }

    /// The error correction codewords for `data`: the remainder of data·x^degree divided by the generator.
    static func remainder(of data: ArraySlice<UInt8>, generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        let generatorLogarithms = generator.map { logarithms[Int($0)] }
        var remainder = [UInt8](repeating: 0, count: degree)
        // Buffer pointers spare a retain and release per table read, which dominate unoptimised builds.
        exponents.withUnsafeBufferPointer { exponents in
            logarithms.withUnsafeBufferPointer { logarithms in
                remainder.withUnsafeMutableBufferPointer { remainder in
                    for byte in data {
                        let factor = byte ^ remainder[0]
                        let factorLogarithm = logarithms[Int(factor)]
                        for index in 0..<degree {
                            let shifted = index + 1 < degree ? remainder[index + 1] : 0
                            let product =
                                factor == 0 || generator[index] == 0
                                ? 0 : exponents[factorLogarithm + generatorLogarithms[index]]
                            remainder[index] = shifted ^ product
                        }
                    }
                }
            }
        }
        return remainder
    }
}
