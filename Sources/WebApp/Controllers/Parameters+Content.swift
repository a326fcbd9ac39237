import CourseEngine
import Hummingbird

extension Parameters {
    /// A course or lesson id from the path; malformed ids are a 400, not a lookup.
    func requireSlug(_ name: String) throws -> String {
        let value = try require(name)
        guard Slug.isValid(value) else {
            throw RequestError.badParameter(name: name, value: value, reasonKey: "reason_not_an_id")
        }
        return value
    }

    /// A 1-based step number from the path.
    func requireStepNumber(_ name: String) throws -> Int {
        let value = try require(name)
        guard let number = Int(value), number >= 1, value.allSatisfy(\.isASCII) else {
            throw RequestError.badParameter(name: name, value: value, reasonKey: "reason_not_a_step")
        }
        return number
    }
}
