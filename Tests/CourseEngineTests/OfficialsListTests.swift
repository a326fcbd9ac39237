import Testing

@testable import CourseEngine

@Suite("HR lists of officials")
struct OfficialsListTests {
    @Test("quoted fields may hold commas, quotes and line breaks")
    func csvQuoting() {
        let records = CSV.records("a,\"b, c\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,y\n")
        #expect(records.map(\.fields) == [["a", "b, c", "say \"hi\""], ["two\nlines", "x", "y"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("a missing column is reported on the first line, with a suggestion for a typo")
    func missingColumn() {
        let (list, diagnostics) = OfficialsList.parse(Array("username,ful_name,unit_code,position,roles\n".utf8), file: "a.csv")
        #expect(list.rows.isEmpty)
        #expect(diagnostics.map(\.message).contains("missing column 'full_name' in the first line"))
        #expect(diagnostics.map(\.message).contains("unknown column 'ful_name'; did you mean 'full_name'?"))
    }

    @Test("roles are read from a ';' list and always include learner")
    func roles() throws {
        let (list, diagnostics) = OfficialsList.parse(
            Array("username,full_name,unit_code,position,roles\nlan,Lan,X,Y,supervisor; trainer\n".utf8), file: "a.csv")
        #expect(diagnostics.isEmpty)
        #expect(list.rows.first?.roles == [.learner, .supervisor, .trainer])
        #expect(list.rows.first?.password == nil)
    }
}
