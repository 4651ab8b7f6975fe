import Emissions
import Testing

@Suite struct CompanyCostsFileTests {
    let known: Set<String> = ["Glasbruk AB", "Trä, Oskarshamn", "Ljungby Metall"]

    func parse(_ text: String) throws(CompanyCostsFileError) -> [String: CostRates] {
        try CompanyCostsFile.parse(Array(text.utf8), file: "companies.csv", knownCompanies: known)
    }

    @Test func readsBothDialects() throws {
        let comma = try parse("company,cost_per_km,cost_per_hour\nGlasbruk AB,14.50,420\n\"Trä, Oskarshamn\",12.8,395\r\n")
        #expect(comma["Glasbruk AB"] == CostRates(perKm: 14.5, perHour: 420))
        #expect(comma["Trä, Oskarshamn"] == CostRates(perKm: 12.8, perHour: 395))
        let excel = try parse("\u{FEFF}Company;Cost_per_hour;Cost_per_km\nLjungby Metall;410,5;13,25\n\n")
        #expect(excel["Ljungby Metall"] == CostRates(perKm: 13.25, perHour: 410.5))
    }

    @Test func everyProblemWithItsLine() {
        let text = """
            company,cost_per_km,cost_per_hour
            Glasbruk AB,14.50,420
            Glasbruk AB,14.50,420
            Glasbruck AB,1,1
            glasbruk ab ,1,1
            Ljungby Metall,-3,400
            "Trä, Oskarshamn",twelve,395
            ,1,1
            """
        do {
            _ = try parse(text)
            Issue.record("accepted a bad file")
        } catch {
            let lines = error.description.split(separator: "\n").map(String.init)
            #expect(lines.contains("companies.csv:3: company 'Glasbruk AB' is listed twice (first at line 2)"))
            #expect(lines.contains("companies.csv:4: unknown company 'Glasbruck AB': no shipment of this run names it"))
            #expect(lines.contains("companies.csv:5: unknown company 'glasbruk ab': no shipment of this run names it; did you mean 'Glasbruk AB'?"))
            #expect(lines.contains("companies.csv:6: cost_per_km is negative (-3)"))
            #expect(lines.contains("companies.csv:7: cost_per_km 'twelve' is not a number"))
            #expect(lines.contains("companies.csv:8: the company is empty"))
            #expect(lines.count == 6)
        }
    }

    @Test func missingColumnsAndEmptyFiles() {
        #expect(throws: CompanyCostsFileError.self) { try parse("company,cost_per_km\nGlasbruk AB,1\n") }
        #expect(throws: CompanyCostsFileError.self) { try parse("") }
        do {
            _ = try parse("company,cost_per_km,cost_per_hour,notes\n")
        } catch {
            #expect(error.description == "companies.csv:1: unknown column 'notes' (expected company, cost_per_km, cost_per_hour)")
        }
    }
}
