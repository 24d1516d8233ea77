import Foundation
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaTestSupport
import Testing

/// `config/parties.yaml` and the normalizer.
struct PartiesTests {
    static let directory = try! PartyDirectory.load(folder: PackagePaths.config)

    @Test(arguments: [
        ("Embajada de Suecia", ["Suecia"]), ("Sweden", ["Suecia"]), ("Embassy of Sweden", ["Suecia"]),
        ("the Government", ["Gobierno"]), ("Gobierno Nacional", ["Gobierno"]), ("gobierno de colombia", ["Gobierno"]),
        ("las plataformas", ["Sociedad civil"]), ("Consenso de Cartagena", ["Consenso de Cartagena"]),
        ("Sociedad civil (Consenso de Cartagena)", ["Consenso de Cartagena"]),
        ("Secretaría Técnica del G24", ["Secretaría Técnica"]), ("G24 Technical Secretariat", ["Secretaría Técnica"]),
        ("ACNUR y OACNUDH", ["ACNUR", "OACNUDH"]), ("Tomás Echeverri (OACNUDH)", ["OACNUDH"]),
        ("Chair (Netherlands)", ["Países Bajos"]), ("Switzerland and the Technical Secretariat", ["Suiza", "Secretaría Técnica"]),
        ("Embajada de España – AECI", ["España"]), ("USAID / United States", ["Estados Unidos"]), ("UNDP", ["PNUD"]),
    ])
    func namesBecomeParties(_ name: String, _ expected: [String]) {
        #expect(Self.directory.normalize(name) == expected)
    }

    @Test func unknownNamesAreKeptAsWritten() {
        #expect(Self.directory.normalize("  Grupo de redacción ") == ["Grupo de redacción"])
        #expect(Self.directory.isUnknown("Grupo de redacción"))
        #expect(Self.directory.normalize("") == [])
        #expect(!Self.directory.isUnknown("Royal Norwegian Embassy"))
    }

    @Test func everyPartyHasAKnownGroupAndTheThreeSidesAreThere() {
        let groups = Set(Self.directory.groups.map(\.id))
        #expect(Self.directory.parties.allSatisfy { groups.contains($0.group) })
        for side in ["Gobierno", "Sociedad civil", "G24"] { #expect(Self.directory.party(named: side) != nil) }
        #expect(Self.directory.party(named: "Government")?.name(in: "en") == "Government")
    }

    @Test func aBadFileIsRefusedNamingTheProblem() {
        let twice = """
            groups: [{id: g, name: G}]
            parties:
              - {name: A, group: g, aliases: [Same]}
              - {name: B, group: g, aliases: [same]}
            """
        #expect { try PartyDirectory.parse(twice, path: "parties.yaml") } throws: { "\($0)" == "parties.yaml: same names two parties, A and B" }
        let badGroup = "groups: [{id: g, name: G}]\nparties: [{name: A, group: x}]\n"
        #expect { try PartyDirectory.parse(badGroup, path: "p.yaml") } throws: { "\($0)".contains("the party A is in the group x") }
        let missing = "groups: [{id: g, name: G}]\nparties: [{group: g}]\n"
        #expect { try PartyDirectory.parse(missing, path: "p.yaml") } throws: { "\($0)".contains("the key name is missing") }
    }

    @Test func theCensusListsNamesThatMatchNoParty() {
        let source = Record.Source(filename: "a.txt", format: .txt, sha256: "00", bytes: 1)
        let r = Record(id: "r1", source: source, attendees: [Attendee(name: "Ana", organization: "Grupo de redacción"), Attendee(name: "Eva", organization: "Embajada de Suecia")],
                       consensus: [Position(text: "x", parties: ["Gobierno", "Comité de impulso"])],
                       actions: [Action(text: "y", owner: "Comité de impulso")])
        let census = PartyCensus(records: [r], parties: Self.directory)
        #expect(census.unknown.map(\.name) == ["Comité de impulso", "Grupo de redacción"])
        #expect(census.unknown.first?.roles == ["owner", "party"])
        #expect(census.known.first { $0.name == "Suecia" }?.count == 1)
    }
}
